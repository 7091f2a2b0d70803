import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BodyRefusedError } from './errors/body-refused.error';

/** `application/json` and the `+json` types (`application/merge-patch+json`, …). */
const JSON_TYPES = /^application\/(?:[^\s;]+\+)?json\s*(?:;|$)/i;
const UTF8 = /^utf-?8$/i;

/**
 * Body parsing for the whole app, in the API's error shape (the parsers run before Nest's routing,
 * and what they refuse reaches RetraceExceptionFilter): JSON bodies are parsed as any JSON value
 * (validation says what a route wants); an empty one is `{}`; a body of another type is read (within
 * the limit) and ignored, as if there were none. Refused, changing nothing: a body over `limitBytes`
 * (413 `PAYLOAD_TOO_LARGE`, from `Content-Length` before reading when it says so), a compressed body
 * or a charset other than UTF-8 (415 `UNSUPPORTED_MEDIA_TYPE`), malformed JSON (400 `MALFORMED_JSON`).
 */
export function registerBodyParsers(fastify: FastifyInstance, limitBytes: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(JSON_TYPES, async (req: FastifyRequest, payload: IncomingMessage) => {
    refuseCharset(req.headers['content-type']);
    const text = await readBody(req, payload, limitBytes);
    return text === '' ? {} : parseJson(text);
  });
  fastify.addContentTypeParser('*', async (req: FastifyRequest, payload: IncomingMessage) => {
    await readBody(req, payload, limitBytes);
    return undefined;
  });
}

async function readBody(req: FastifyRequest, payload: IncomingMessage, limitBytes: number): Promise<string> {
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    throw new BodyRefusedError('UNSUPPORTED_MEDIA_TYPE', `content-encoding "${encoding}" is not supported; send the body uncompressed`);
  }
  if (Number(req.headers['content-length']) > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

function refuseCharset(contentType: string | undefined): void {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? '')?.[1];
  if (charset !== undefined && !UTF8.test(charset)) {
    throw new BodyRefusedError('UNSUPPORTED_MEDIA_TYPE', `charset "${charset}" is not supported; send JSON as UTF-8`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BodyRefusedError('MALFORMED_JSON', `the body is not valid JSON: ${(error as Error).message}`);
  }
}

const tooLarge = (limitBytes: number) =>
  new BodyRefusedError('PAYLOAD_TOO_LARGE', `the body is larger than ${limitBytes} bytes (RETRACE_MAX_PAYLOAD_BYTES)`, { limitBytes });

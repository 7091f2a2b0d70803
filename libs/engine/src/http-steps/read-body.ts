/** At most `maxBytes` of a response body, and whether that was all of it. */
export interface BodyPrefix {
  bytes: Buffer;
  complete: boolean;
}

/**
 * Reads a response body but never more than `maxBytes` of it: a misbehaving service must not be
 * able to make the worker buffer gigabytes. The rest of the stream is cancelled, which closes the
 * connection instead of draining it.
 */
export async function readBodyPrefix(response: Response, maxBytes: number): Promise<BodyPrefix> {
  if (response.body === null) return { bytes: Buffer.alloc(0), complete: true };
  // @types/node types fetch's body as ReadableStream<any>; undici always yields bytes.
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes: Buffer.concat(chunks, size), complete: true };
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      await reader.cancel().catch(() => undefined);
      return { bytes: Buffer.concat(chunks, maxBytes), complete: false };
    }
    chunks.push(value);
    size += value.byteLength;
  }
}

/** Drops a body we will not read, so the connection is released rather than left half-read. */
export async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

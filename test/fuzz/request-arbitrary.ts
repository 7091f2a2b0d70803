import fc from 'fast-check';
import type { RouteInfo } from '../../apps/orchestrator/src/http/auth/list-routes';
import type { FuzzRequest } from './fuzz-client';
import { mutatedJson } from './mutate-json';
import { oddKey, oddString } from './odd-values';
import { routeSeed, type FuzzWorld, type RouteSeed } from './route-seeds';

/** The keys the fuzzed app knows, and which share of requests carries each (most pass auth as operator). */
export interface FuzzKeys {
  operator: string;
  viewer: string;
  service: string;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'PURGE'];

const INVALID_JSON = ['{', '{"saga": ', '{"a":1,}', "{'a': 1}", '[1, 2', 'undefined', 'NaN', '\ufeff{}', '{"a":"\\ud800"', '{"a": 01}', '{"a": 1e999999}', '\u0000', '{"__proto__": {"polluted": 1}}', '{"a": "\\x41"}', 'nul', '{}{}', ' '];

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'application/xml',
  'json',
  '',
];

/** Percent-encodes the UTF-8 of `s` (a lone surrogate becomes U+FFFD, as any client would send it). */
const encodeUtf8 = (s: string): string => [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/** A path parameter as sent: valid, an odd string encoded, or bytes no decoder accepts. */
const pathParam = (valid: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(valid) },
    { weight: 4, arbitrary: oddString().map((s) => encodeUtf8(s.slice(0, 3000)) || 'x') },
    { weight: 1, arbitrary: fc.constantFrom('%FF', '%ED%A0%80', '%00', '%2e%2e%2f%2e%2e', '%2F', '..', '.', '%', '%zz', 'a%2Fb', '%C0%AF', `${valid}%00`, `${valid}'--`, `${valid};select`) },
  );

const queryValue = (valid: string | undefined): fc.Arbitrary<string> =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(valid ?? 'x') }, { weight: 3, arbitrary: oddString().map((s) => encodeUtf8(s.slice(0, 3000))) }, { weight: 1, arbitrary: fc.constantFrom('%FF', '%', '%zz', '-1', '0', '1.5', '1e3', '99999999999999999999', '%201', '0x10') });

/** The seed's query, each value kept or swapped, some dropped, some repeated or bracketed, some extra. */
const query = (seed: Record<string, string>): fc.Arbitrary<string> => {
  const entries = Object.entries(seed);
  return fc
    .tuple(
      fc.tuple(...entries.map(([k, v]) => fc.tuple(fc.constantFrom('keep', 'keep', 'odd', 'drop', 'repeat', 'bracket'), queryValue(v)).map(([how, odd]) => ({ k, v, how, odd })))),
      fc.array(fc.tuple(fc.oneof(fc.constantFrom('limit', 'after', 'since', 'cursor', 'version', 'saga', 'status', 'types'), oddKey()), queryValue(undefined)), { maxLength: 2 }),
    )
    .map(([kept, extra]) => {
      const parts: string[] = [];
      for (const { k, v, how, odd } of kept) {
        const key = encodeUtf8(k);
        if (how === 'keep') parts.push(`${key}=${encodeUtf8(v)}`);
        else if (how === 'odd') parts.push(`${key}=${odd}`);
        else if (how === 'repeat') parts.push(`${key}=${encodeUtf8(v)}`, `${key}=${odd}`);
        else if (how === 'bracket') parts.push(`${key}[a]=${odd}`, `${key}[]=${encodeUtf8(v)}`);
      }
      for (const [k, v] of extra) parts.push(`${encodeUtf8(k)}=${v}`);
      return parts.length > 0 ? `?${parts.join('&')}` : '';
    });
};

interface BodyPart {
  body?: Buffer;
  headers: Record<string, string>;
}

const jsonBody = (value: unknown, contentType = 'application/json'): BodyPart => ({
  body: Buffer.from(JSON.stringify(value) ?? 'null', 'utf8'),
  headers: contentType === '' ? {} : { 'content-type': contentType },
});

/** The body: the seed mutated (mostly), invalid JSON, the wrong content type or encoding, or too big. */
const body = (seed: unknown): fc.Arbitrary<BodyPart> =>
  fc.oneof(
    { weight: 12, arbitrary: mutatedJson(seed ?? {}).map((v) => jsonBody(v)) },
    { weight: 1, arbitrary: fc.constantFrom(...INVALID_JSON).map((text) => ({ body: Buffer.from(text, 'utf8'), headers: { 'content-type': 'application/json' } })) },
    { weight: 1, arbitrary: fc.tuple(mutatedJson(seed ?? {}), fc.constantFrom(...CONTENT_TYPES)).map(([v, type]) => jsonBody(v, type)) },
    { weight: 1, arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'bogus').map((enc) => ({ body: Buffer.from('{"not":"compressed"}'), headers: { 'content-type': 'application/json', 'content-encoding': enc } })) },
    { weight: 1, arbitrary: fc.constantFrom(20_000, 40_000).map((depth) => ({ body: Buffer.from(`${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`), headers: { 'content-type': 'application/json' } })) },
    { weight: 1, arbitrary: fc.constantFrom(300_000, 1_000_000).map((n) => jsonBody({ ...(seed as object), payload: { big: 'x'.repeat(n) } })) },
    { weight: 1, arbitrary: fc.constant<BodyPart>({ headers: {} }) },
  );

const caller = (keys: FuzzKeys): fc.Arbitrary<[string, Record<string, string>]> =>
  fc.oneof(
    { weight: 86, arbitrary: fc.constant<[string, Record<string, string>]>(['operator', { authorization: `Bearer ${keys.operator}` }]) },
    { weight: 5, arbitrary: fc.constant<[string, Record<string, string>]>(['viewer', { authorization: `Bearer ${keys.viewer}` }]) },
    { weight: 4, arbitrary: fc.constant<[string, Record<string, string>]>(['service', { authorization: `Bearer ${keys.service}` }]) },
    { weight: 3, arbitrary: fc.constant<[string, Record<string, string>]>(['none', {}]) },
    { weight: 2, arbitrary: fc.constantFrom<[string, Record<string, string>]>(['garbage', { authorization: 'Bearer \u00ff\u00fe' }], ['garbage', { authorization: 'Basic b3BzOm9wcw==' }], ['garbage', { authorization: 'Bearer' }]) },
  );

/** Extra headers some requests carry: a resume position for the live tail, odd Accept values. */
const extraHeaders = (): fc.Arbitrary<Record<string, string>> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.constantFrom('0', '-1', 'abc', '1e3', '99999999999999999999999', '1.5', ' 7').map((id) => ({ 'last-event-id': id })) },
    { weight: 1, arbitrary: fc.constantFrom('text/html', '*/*', 'application/xml', 'text/event-stream').map((accept) => ({ accept })) },
  );

function requestFor(route: RouteInfo, seed: RouteSeed, keys: FuzzKeys): fc.Arbitrary<FuzzRequest> {
  const names = Object.keys(seed.params);
  const params = fc.tuple(...names.map((n) => pathParam(seed.params[n])));
  const method = fc.oneof({ weight: 9, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) });
  const sendsBody = route.method !== 'GET' || seed.body !== undefined;
  return fc.tuple(params, query(seed.query), method, caller(keys), extraHeaders(), sendsBody ? body(seed.body) : fc.constant<BodyPart>({ headers: {} })).map(([values, qs, m, [who, auth], extra, b]) => {
    const path = names.reduce((p, n, i) => p.replace(`:${n}`, values[i]), route.path) + qs;
    return { route: `${route.method} ${route.path}`, method: m, path, headers: { ...auth, ...extra, ...b.headers }, ...(b.body && m !== 'GET' && m !== 'HEAD' ? { body: b.body } : {}), caller: who };
  });
}

/** A request to any route of the app, each route equally likely. */
export function fuzzRequest(routes: readonly RouteInfo[], world: FuzzWorld, keys: FuzzKeys): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...routes.map((r) => requestFor(r, routeSeed(r, world), keys)));
}

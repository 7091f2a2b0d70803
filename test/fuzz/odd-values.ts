import fc from 'fast-check';

/** Strings a careless or hostile client sends: unicode edge cases, SQL, paths, huge ones. */
export const ODD_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\udfff\ud800',
  '\u202eevil\u202c',
  '\u200b',
  '\ufeff',
  '\uffff',
  '😀',
  '👩‍👩‍👧‍👦',
  'e\u0301',
  'Ω≈ç√',
  'عربي',
  "' OR 1=1 --",
  "'; DROP TABLE events; --",
  '"; SELECT pg_sleep(10); --',
  '$1',
  '%s%s%n',
  '../../etc/passwd',
  '..\\..\\windows',
  '/v1/messages',
  '~',
  ':',
  'a:b~c',
  '*',
  '%',
  '%00',
  '%ff',
  '{"a":1}',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '2026-02-30T25:61:00Z',
  '0000-00-00T00:00:00Z',
  '9999999999999999999999',
  'null',
  'true',
  '\r\nX-Injected: 1',
];

export const ODD_NUMBERS: readonly number[] = [0, -1, -0, 1.5, 1e308, -1e308, 2 ** 31, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 0.1];

/** Keys that are not what any parser expects, including prototype names. */
export const oddKey = (): fc.Arbitrary<string> =>
  fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', '', 'extra', 'x'.repeat(300), '\u0000', '\ud800', '😀', 'toString', 'hasOwnProperty'), fc.string({ maxLength: 12 }));

export const oddString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ODD_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.integer({ min: 200, max: 70_000 }).map((n) => 'x'.repeat(n)) },
  );

/** Nested `depth` levels: `{"a":{"a":…}}` or `[[…]]`. */
export const nested = (depth: number, arrays: boolean): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = arrays ? [value] : { a: value };
  return value;
};

/** Any JSON value of a wrong kind for wherever it lands. */
export const oddValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: oddString() },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(...ODD_NUMBERS, null, true, false, [], {}, [null], { '': null }) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: fc.constantFrom(63, 64, 65, 200, 1000).chain((d) => fc.boolean().map((arrays) => nested(d, arrays))) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => i)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );

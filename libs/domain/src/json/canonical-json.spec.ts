import fc from 'fast-check';
import { canonicalJson, jsonEquals } from './canonical-json';

describe(canonicalJson.name, () => {
  it('sorts keys recursively and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }, 'x'] })).toBe('{"a":[{"c":3,"d":2},"x"],"b":1}');
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  it('follows JSON.stringify for leaves', () => {
    expect(canonicalJson({ a: undefined, b: NaN, c: new Date(0), d: [undefined] })).toBe(
      '{"b":null,"c":"1970-01-01T00:00:00.000Z","d":[null]}',
    );
    expect(canonicalJson('é\u2028')).toBe(JSON.stringify('é\u2028'));
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(undefined)).toBe('undefined');
  });

  it('keeps an own __proto__ key as data', () => {
    const value = JSON.parse('{"z": 1, "__proto__": {"x": 1}}') as unknown;
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":1},"z":1}');
  });

  it('refuses a circular structure with a TypeError', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => canonicalJson(a)).toThrow(TypeError);
  });

  it('allows the same object twice when it is not its own ancestor', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  it('gives JSON that parses back to an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe(jsonEquals.name, () => {
  it('ignores key order at every level', () => {
    expect(jsonEquals({ a: 1, b: { c: [1, { d: 2, e: 3 }] } }, { b: { c: [1, { e: 3, d: 2 }] }, a: 1 })).toBe(true);
  });

  it.each([
    [{ a: 1 }, { a: 2 }],
    [{ a: 1 }, { a: 1, b: 2 }],
    [[1, 2], [2, 1]],
    [{ a: '1' }, { a: 1 }],
    [{ a: null }, {}],
    [{ description: 'x' }, { description: 'y' }],
  ])('tells %j from %j', (a, b) => {
    expect(jsonEquals(a, b)).toBe(false);
  });

  it('finds any reordering of keys equal', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(jsonEquals(value, reversed)).toBe(true);
      }),
    );
  });
});

import { REDACTED, redactPaths } from './redact-paths';

describe(redactPaths.name, () => {
  const payload = () => ({
    sku: 'A-1',
    card: { number: '4111 1111 1111 1111', exp: '12/30' },
    items: [
      { sku: 'A', iban: 'DE01' },
      { sku: 'B', iban: 'DE02' },
    ],
    customer: { email: 'a@example.com', address: { city: 'Berlin' } },
  });

  it('hides the value at a dot path and keeps the rest', () => {
    expect(redactPaths(payload(), ['card.number'])).toEqual({ ...payload(), card: { number: REDACTED, exp: '12/30' } });
  });

  it('hides a whole object when the path names it', () => {
    expect(redactPaths(payload(), ['customer'])).toEqual({ ...payload(), customer: REDACTED });
  });

  it('matches every key or index with *, and an index by its number', () => {
    const all = redactPaths(payload(), ['items.*.iban']) as ReturnType<typeof payload>;
    expect(all.items).toEqual([
      { sku: 'A', iban: REDACTED },
      { sku: 'B', iban: REDACTED },
    ]);
    const second = redactPaths(payload(), ['items.1.iban']) as ReturnType<typeof payload>;
    expect(second.items.map((i) => i.iban)).toEqual(['DE01', REDACTED]);
    expect(redactPaths({ a: { x: 1, y: 2 } }, ['a.*'])).toEqual({ a: { x: REDACTED, y: REDACTED } });
  });

  it('changes nothing where a path leads nowhere, and adds nothing', () => {
    expect(redactPaths(payload(), ['card.cvc', 'sku.inner', 'nope.deep'])).toEqual(payload());
  });

  it('applies several paths at once, overlapping ones included', () => {
    const sut = redactPaths(payload(), ['card', 'card.number', 'customer.address.city']) as ReturnType<typeof payload>;
    expect(sut.card).toBe(REDACTED);
    expect(sut.customer).toEqual({ email: 'a@example.com', address: { city: REDACTED } });
  });

  it('leaves its input untouched and copes with odd keys', () => {
    const input = payload();
    redactPaths(input, ['card.number']);
    expect(input).toEqual(payload());
    const odd = JSON.parse('{"__proto__": {"secret": "s"}, "x": 1}') as unknown;
    expect(JSON.stringify(redactPaths(odd, ['__proto__.secret']))).toBe('{"__proto__":{"secret":"[redacted]"},"x":1}');
  });

  it('returns the value itself when there are no paths, and hides anything at the root path of a non-object', () => {
    const input = payload();
    expect(redactPaths(input, [])).toBe(input);
    expect(redactPaths('4111', ['a'])).toBe('4111');
    expect(redactPaths(null, ['a'])).toBeNull();
  });
});

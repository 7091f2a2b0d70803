import { ApiKeyRing, bearerToken } from './find-api-key';

describe(ApiKeyRing.name, () => {
  const ops = { name: 'ops', role: 'operator' as const, key: 'o'.repeat(16) };
  const orders = { name: 'orders', role: 'service' as const, key: 's'.repeat(40), sagas: ['order*'] };
  const sut = new ApiKeyRing([ops, orders]);

  it('finds the key a secret belongs to', () => {
    expect(sut.find('o'.repeat(16))).toBe(ops);
    expect(sut.find('s'.repeat(40))).toBe(orders);
  });

  it.each([['a prefix', 'o'.repeat(15)], ['a longer secret', 'o'.repeat(17)], ['empty', ''], ['another case', 'O'.repeat(16)]])(
    'refuses %s',
    (_, secret) => expect(sut.find(secret)).toBeUndefined(),
  );

  it('is empty without keys', () => {
    expect(new ApiKeyRing([]).isEmpty).toBe(true);
    expect(sut.isEmpty).toBe(false);
  });
});

describe(bearerToken.name, () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['Bearer   abc  ', 'abc'],
    ['Basic abc', undefined],
    ['Bearer', undefined],
    ['Bearer a b', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, token) => expect(bearerToken(header)).toBe(token));
});

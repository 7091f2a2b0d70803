import { describeValue } from './describe-value';

describe(describeValue.name, () => {
  it.each([
    [undefined, 'nothing'],
    [null, 'null'],
    [0, '0'],
    [NaN, 'NaN'],
    [true, 'true'],
    ['Order', '"Order"'],
    ['a"b\n', '"a\\"b\\n"'],
    [[], 'an array of 0 items'],
    [[1], 'an array of 1 item'],
    [{ a: 1 }, 'an object'],
    [10n, 'a bigint'],
  ])('describes %p as %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });

  it('cuts long strings short and gives their length', () => {
    expect(describeValue('x'.repeat(5000))).toBe(`"${'x'.repeat(40)}"… (5000 characters)`);
  });
});

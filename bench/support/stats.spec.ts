import { percentile, ratePerSecond, summarize } from './stats';

describe('summarize', () => {
  it('takes the middle round of an odd count and keeps min and max', () => {
    expect(summarize([30, 10, 20])).toEqual({ median: 20, min: 10, max: 30 });
  });

  it('averages the two middle rounds of an even count', () => {
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
  });

  it('refuses no rounds and non-finite values', () => {
    expect(() => summarize([])).toThrow(/no rounds/);
    expect(() => summarize([1, Number.NaN, 2])).toThrow(/finite/);
  });
});

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose

  it('uses the nearest rank, never interpolating', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([5, 1000], 99)).toBe(1000);
  });

  it('returns the smallest sample for p 0 and the only sample of one', () => {
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
  });

  it('refuses no samples and p outside 0 … 100', () => {
    expect(() => percentile([], 50)).toThrow(/no samples/);
    expect(() => percentile([1], 101)).toThrow(/0 … 100/);
  });
});

describe('ratePerSecond', () => {
  it('divides by seconds', () => {
    expect(ratePerSecond(500, 250)).toBe(2000);
  });

  it('refuses a zero elapsed time', () => {
    expect(() => ratePerSecond(1, 0)).toThrow(/positive/);
  });
});

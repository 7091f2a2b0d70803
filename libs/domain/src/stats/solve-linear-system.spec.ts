import fc from 'fast-check';
import { solveLinearSystem } from './solve-linear-system';

describe(solveLinearSystem.name, () => {
  it('solves a small system with several right-hand sides', () => {
    // 2x + y = 5, x + 3y = 10  → (1, 3);  2x + y = 1, x + 3y = 3 → (0, 1)
    const x = solveLinearSystem(
      [
        [2, 1],
        [1, 3],
      ],
      [
        [5, 1],
        [10, 3],
      ],
    );
    expect(x?.[0]?.[0]).toBeCloseTo(1, 14);
    expect(x?.[1]?.[0]).toBeCloseTo(3, 14);
    expect(x?.[0]?.[1]).toBeCloseTo(0, 14);
    expect(x?.[1]?.[1]).toBeCloseTo(1, 14);
  });

  it('pivots past a zero on the diagonal', () => {
    expect(
      solveLinearSystem(
        [
          [0, 1],
          [1, 0],
        ],
        [[2], [3]],
      ),
    ).toEqual([[3], [2]]);
  });

  it('pivots on the largest entry, so a tiny pivot does not wipe out the answer', () => {
    // Without row exchange, 1 − 1/1e-20 swamps the second row and x₁ comes out as 0 instead of 1.
    const x = solveLinearSystem(
      [
        [1e-20, 1],
        [1, 1],
      ],
      [[1], [2]],
    );
    expect(x?.[0]?.[0]).toBeCloseTo(1, 14);
    expect(x?.[1]?.[0]).toBeCloseTo(1, 14);
  });

  it('leaves its inputs alone', () => {
    const a = [
      [0, 1],
      [1, 0],
    ];
    const b = [[2], [3]];
    solveLinearSystem(a, b);
    expect(a).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(b).toEqual([[2], [3]]);
  });

  it('answers undefined for a singular matrix, exact or within rounding', () => {
    const singular = [
      [1, 2],
      [2, 4],
    ];
    expect(solveLinearSystem(singular, [[1], [2]])).toBeUndefined();
    // I − Q of a two-state cycle with no exit
    const cycle = [
      [1, -1],
      [-1, 1],
    ];
    expect(solveLinearSystem(cycle, [[0], [0]])).toBeUndefined();
    const thirds = [
      [1, -1 / 3, -2 / 3],
      [-1 / 3, 1, -2 / 3],
      [-1 / 2, -1 / 2, 1],
    ];
    expect(solveLinearSystem(thirds, [[0], [0], [0]])).toBeUndefined();
    expect(solveLinearSystem([[0]], [[1]])).toBeUndefined();
  });

  it('solves the empty system', () => {
    expect(solveLinearSystem([], [])).toEqual([]);
  });

  it('refuses shapes that do not fit', () => {
    expect(() => solveLinearSystem([[1, 2]], [[1]])).toThrow(RangeError);
    expect(() => solveLinearSystem([[1]], [[1], [2]])).toThrow(RangeError);
    expect(() => solveLinearSystem([[1, 0], [0, 1]], [[1], [2, 3]])).toThrow(RangeError);
  });

  it('recovers x from A·x for diagonally dominant A', () => {
    const system = fc.integer({ min: 1, max: 8 }).chain((n) =>
      fc.record({
        a: fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
        x: fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: n, maxLength: n }),
      }),
    );
    fc.assert(
      fc.property(system, ({ a, x }) => {
        const n = x.length;
        const dominant = a.map((row, i) => row.map((v, j) => (i === j ? n + 1 : v)));
        const b = dominant.map((row) => [row.reduce((s, v, j) => s + v * x[j], 0)]);
        const solved = solveLinearSystem(dominant, b);
        expect(solved).toBeDefined();
        solved?.forEach(([v], i) => expect(Math.abs(v - x[i])).toBeLessThan(1e-9));
      }),
    );
  });
});

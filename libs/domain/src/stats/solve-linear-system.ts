/** A dense matrix, row by row. */
export type Matrix = readonly (readonly number[])[];

/**
 * Solves A·X = B for X (A square, n×n; B n×m, one column per right-hand side) by Gaussian
 * elimination with partial pivoting. The inputs are not modified.
 *
 * Returns `undefined` when A is singular, or so close to it that the answer would be noise: a pivot
 * no larger than n·ε·max|A| (after pivoting, the largest candidate left in its column).
 *
 * @throws RangeError when the shapes do not fit (a bug in the caller, not in the data).
 */
export function solveLinearSystem(a: Matrix, b: Matrix): number[][] | undefined {
  const n = a.length;
  const m = n === 0 ? 0 : (b[0]?.length ?? 0);
  if (b.length !== n || a.some((row) => row.length !== n) || b.some((row) => row.length !== m)) {
    throw new RangeError(`solveLinearSystem needs A n×n and B n×m (got A ${shape(a)}, B ${shape(b)})`);
  }
  const rows = a.map((row, i) => [...row, ...b[i]]);
  const scale = a.reduce((max, row) => row.reduce((rowMax, v) => Math.max(rowMax, Math.abs(v)), max), 0);
  const tolerance = n * Number.EPSILON * scale;

  for (let k = 0; k < n; k++) {
    let pivotRow = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(rows[i][k]) > Math.abs(rows[pivotRow][k])) pivotRow = i;
    const pivot = rows[pivotRow][k];
    if (!(Math.abs(pivot) > tolerance)) return undefined;
    [rows[k], rows[pivotRow]] = [rows[pivotRow], rows[k]];
    const top = rows[k];
    for (let i = k + 1; i < n; i++) {
      const row = rows[i];
      const factor = row[k] / pivot;
      if (factor === 0) continue;
      row[k] = 0;
      for (let j = k + 1; j < n + m; j++) row[j] -= factor * top[j];
    }
  }

  const x: number[][] = Array.from({ length: n }, () => new Array<number>(m).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    const row = rows[i];
    for (let j = 0; j < m; j++) {
      let sum = row[n + j];
      for (let k = i + 1; k < n; k++) sum -= row[k] * x[k][j];
      x[i][j] = sum / row[i];
    }
  }
  return x;
}

const shape = (matrix: Matrix) => `${matrix.length}×${matrix[0]?.length ?? 0}`;

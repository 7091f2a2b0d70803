/** A cell as given: numbers align right, null and undefined print as `-`. */
export type Cell = string | number | boolean | null | undefined;

export interface TableOptions {
  /** Longest a cell may print; longer ones end in `…`. Default 60. */
  maxCell?: number;
  /** Columns to align right besides the numeric ones. */
  right?: number[];
}

const show = (cell: Cell): string => (cell === null || cell === undefined || cell === '' ? '-' : String(cell).replace(/\s*\n\s*/g, ' '));

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…` : text);

/**
 * Lays rows out under their headers, columns two spaces apart, without trailing spaces. Numeric
 * columns (some cell a number, every non-empty one) align right. No rows prints `(none)`.
 */
export function formatTable(headers: string[], rows: Cell[][], options: TableOptions = {}): string {
  if (rows.length === 0) return '(none)';
  const maxCell = options.maxCell ?? 60;
  const text = rows.map((row) => headers.map((_, c) => clip(show(row[c]), maxCell)));
  const widths = headers.map((h, c) => Math.max(h.length, ...text.map((row) => row[c].length)));
  const right = headers.map(
    (_, c) =>
      options.right?.includes(c) === true ||
      (rows.some((row) => typeof row[c] === 'number') && rows.every((row) => typeof row[c] === 'number' || row[c] === null || row[c] === undefined)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (right[c] ? cell.padStart(widths[c]) : c === cells.length - 1 ? cell : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(headers), ...text.map(line)].join('\n');
}

/** `key: value` lines with the values aligned. */
export function formatFields(fields: [string, Cell][]): string {
  const width = Math.max(...fields.map(([k]) => k.length));
  return fields.map(([k, v]) => `${`${k}:`.padEnd(width + 1)} ${show(v)}`).join('\n');
}

/** `[#########.........]` for done of total; a total of 0 is full. */
export function progressBar(done: number, total: number, width = 30): string {
  const ratio = total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(1).padStart(5)}%`;
}

/** A probability as a percentage with one decimal; absent prints `-`. */
export const percent = (p: number | undefined) => (p === undefined ? undefined : `${(p * 100).toFixed(1)}%`);

/** A compact JSON of a value for a table cell. */
export const compactJson = (value: unknown) => (value === null || value === undefined ? undefined : JSON.stringify(value));

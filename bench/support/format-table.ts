import type { FigureResult } from './bench-results';
import type { TargetResult } from './targets';

const formatNumber = (value: number): string =>
  Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en-US') : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);

function table(header: string[], rows: string[][], rightAligned: ReadonlySet<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The figures (median, min, max, unit, rounds) and the targets (pass / miss) as two plain-text tables. */
export function formatResults(figures: Readonly<Partial<Record<string, FigureResult>>>, targets: readonly TargetResult[]): string {
  const measured = Object.entries(figures).filter((entry): entry is [string, FigureResult] => entry[1] !== undefined);
  const figureRows = measured.map(([name, f]) => [name, formatNumber(f.median), formatNumber(f.min), formatNumber(f.max), f.unit, String(f.rounds.length)]);
  const targetRows = targets.map((t) => [t.name, t.status === 'not measured' ? '-' : t.status.toUpperCase(), t.detail]);
  return [
    table(['figure', 'median', 'min', 'max', 'unit', 'rounds'], figureRows, new Set([1, 2, 3, 5])),
    '',
    table(['target', 'result', 'measured (medians)'], targetRows, new Set()),
  ].join('\n');
}

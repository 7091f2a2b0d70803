import type { FigureName } from './figures-catalog';

/** A target of issue 8: `figure ≥ factor × of` (a ratio within one run) or `figure ≤ / ≥ a bound`. */
export type Target =
  | { name: string; kind: 'ratio'; figure: FigureName; atLeast: number; of: FigureName }
  | { name: string; kind: 'bound'; figure: FigureName; atMost?: number; atLeast?: number; unit: string };

export const TARGETS: readonly Target[] = [
  { name: 'sagaRate ≥ 0.25 × bullmqChain', kind: 'ratio', figure: 'sagaRate', atLeast: 0.25, of: 'bullmqChain' },
  { name: 'sagaRate ≥ 3 × dbosSaga', kind: 'ratio', figure: 'sagaRate', atLeast: 3, of: 'dbosSaga' },
  { name: 'appendRate ≥ 0.8 × pgInsertCeiling', kind: 'ratio', figure: 'appendRate', atLeast: 0.8, of: 'pgInsertCeiling' },
  { name: 'rebuildRate ≥ 0.5 × pgReadCeiling', kind: 'ratio', figure: 'rebuildRate', atLeast: 0.5, of: 'pgReadCeiling' },
  { name: 'dispatchLatency p99 ≤ 25 ms', kind: 'bound', figure: 'dispatchLatencyP99', atMost: 25, unit: 'ms' },
  { name: 'hopLatency p50 ≤ 5 ms', kind: 'bound', figure: 'hopLatencyP50', atMost: 5, unit: 'ms' },
  { name: 'replayRate ≥ 0.5 × sagaRate', kind: 'ratio', figure: 'replayRate', atLeast: 0.5, of: 'sagaRate' },
  { name: 'scale1M ≥ 0.85 × scale10k', kind: 'ratio', figure: 'scale1M', atLeast: 0.85, of: 'scale10k' },
  { name: 'orchestratorPeakRss ≤ 300 MB', kind: 'bound', figure: 'orchestratorPeakRss', atMost: 300, unit: 'MB' },
];

/** How a target came out: `value` is the ratio (or the figure, for a bound) from the medians. */
export interface TargetResult {
  name: string;
  /** `ratio` (figure / of) or the figure's own median. */
  measure: 'ratio' | 'value';
  value: number | null;
  threshold: number;
  comparison: '>=' | '<=';
  status: 'pass' | 'miss' | 'not measured';
  /** For a miss: how far off, e.g. "0.61× of the 0.8× needed (24 % short)". */
  detail: string;
}

/** Evaluates every target on the figures' medians; a target whose figures were not run is `not measured`. */
export function evaluateTargets(medians: Partial<Record<FigureName, number>>, targets: readonly Target[] = TARGETS): TargetResult[] {
  return targets.map((target) => {
    const value = target.kind === 'ratio' ? ratioOf(medians[target.figure], medians[target.of]) : (medians[target.figure] ?? null);
    const comparison: '>=' | '<=' = target.kind === 'bound' && target.atMost !== undefined ? '<=' : '>=';
    const threshold = target.kind === 'ratio' ? target.atLeast : (target.atMost ?? target.atLeast ?? Number.NaN);
    const base = { name: target.name, measure: target.kind === 'ratio' ? ('ratio' as const) : ('value' as const), threshold, comparison };
    if (value === null) return { ...base, value, status: 'not measured', detail: `needs ${missing(target, medians).join(' and ')} in this run` };
    const pass = comparison === '>=' ? value >= threshold : value <= threshold;
    const shown = target.kind === 'ratio' ? `${round(value)}×` : `${round(value)} ${target.unit}`;
    const needed = target.kind === 'ratio' ? `${threshold}×` : `${threshold} ${target.unit}`;
    const off = comparison === '>=' ? (threshold - value) / threshold : (value - threshold) / threshold;
    return {
      ...base,
      value,
      status: pass ? 'pass' : 'miss',
      detail: pass ? `${shown} (needs ${comparison} ${needed})` : `${shown}, needs ${comparison} ${needed}: ${Math.round(off * 100)} % ${comparison === '>=' ? 'short' : 'over'}`,
    };
  });
}

function ratioOf(figure: number | undefined, of: number | undefined): number | null {
  if (figure === undefined || of === undefined || of === 0) return null;
  return figure / of;
}

function missing(target: Target, medians: Partial<Record<FigureName, number>>): FigureName[] {
  const needed = target.kind === 'ratio' ? [target.figure, target.of] : [target.figure];
  return needed.filter((name) => medians[name] === undefined || (target.kind === 'ratio' && name === target.of && medians[name] === 0));
}

const round = (value: number): string => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3));

import { solveLinearSystem } from './solve-linear-system';

/** The observed transitions from one state to another: how many, and the time spent in `from`. */
export interface TransitionTally {
  from: string;
  to: string;
  count: number;
  /** The time spent in `from` before these transitions, summed over them (ms). */
  totalMs: number;
}

/**
 * Observed transitions read as an absorbing Markov chain. A state with no observed way out is
 * absorbing; every other state is transient, whatever its name says.
 */
export interface TransitionChain {
  /** Every state seen, as a source or a target. */
  states: string[];
  /** `counts[s][t]`: transitions s → t observed. Absorbing states have no row. */
  counts: Record<string, Record<string, number>>;
  /** `probabilities[s][t]`: `counts[s][t]` over the row's total. */
  probabilities: Record<string, Record<string, number>>;
  /**
   * `absorption[s][t]`: the probability that a chain now in s ends in absorbing state t (only the
   * t it can reach). `absorption[t][t] = 1` for an absorbing t; empty for a state that can never
   * reach one (see `notes`).
   */
  absorption: Record<string, Record<string, number>>;
  /** `meanTimeMs[s]`: the mean time spent in s before leaving it. Absorbing states have none. */
  meanTimeMs: Record<string, number>;
  /** Every transition counted. */
  transitions: number;
  /** What the numbers cannot say, e.g. states that never reach an absorbing one. */
  notes: string[];
}

/** A row whose probabilities sum to less than this has lost mass to states that never leave a cycle. */
const FULL_ROW = 1 - 1e-9;

/**
 * Builds the chain of the observed transitions and solves it for the absorption probabilities:
 * with Q the transient-to-transient and R the transient-to-absorbing probabilities,
 * B = (I − Q)⁻¹·R, found by solving (I − Q)·B = R (never by inverting, never by simulation).
 *
 * Transient states that cannot reach any absorbing state (a cycle with no observed exit) would
 * make I − Q singular: they are left out of the system, get an empty absorption row, and are named
 * in `notes`; states that reach them keep the probability of never getting out unassigned.
 *
 * @param order states listed here come first in `states`, in this order; others follow by name.
 * @throws RangeError for a count that is not a non-negative integer or a negative time.
 */
export function transitionChain(tallies: readonly TransitionTally[], order: readonly string[] = []): TransitionChain {
  const rows = tallyRows(tallies);
  const rank = (s: string) => (order.includes(s) ? order.indexOf(s) : order.length);
  const states = [...new Set(tallies.filter((t) => t.count > 0).flatMap((t) => [t.from, t.to]))].sort(
    (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const absorbing = states.filter((s) => !rows.has(s));
  const reaching = statesReaching(absorbing, rows);
  const trapped = states.filter((s) => !reaching.has(s));
  const solvable = states.filter((s) => rows.has(s) && reaching.has(s));
  const notes: string[] = [];

  const absorption = new Map<string, Map<string, number>>(states.map((s) => [s, new Map<string, number>()]));
  for (const s of absorbing) absorption.get(s)?.set(s, 1);
  const solved = solveAbsorption(solvable, absorbing, rows);
  if (solved === undefined) {
    notes.push(`the chain of ${solvable.join(', ')} is too ill-conditioned to solve: their absorption rows are empty`);
  } else {
    solvable.forEach((s, i) =>
      absorbing.forEach((t, j) => {
        const p = Math.min(1, Math.max(0, solved[i][j]));
        if (p > 0) absorption.get(s)?.set(t, p);
      }),
    );
  }
  if (trapped.length > 0) {
    notes.push(
      `${trapped.join(', ')} never reach a state with no way out in the observed transitions ` +
        '(they only lead to one another): their absorption rows are empty',
    );
    const leaking = solvable.filter((s) => sum(absorption.get(s)?.values() ?? []) < FULL_ROW);
    if (solved !== undefined && leaking.length > 0) {
      notes.push(
        `the absorption rows of ${leaking.join(', ')} sum to less than 1: ` +
          `the rest is the chance of ending up circling among ${trapped.join(', ')}`,
      );
    }
  }

  const transient = states.filter((s) => rows.has(s));
  /** An entry per transient state, from its cells (in `states` order) and their total count. */
  const byRow = <V>(value: (cells: [string, Cell][], total: number) => V): Record<string, V> =>
    Object.fromEntries(
      transient.map((s) => {
        const row = rows.get(s) ?? new Map<string, Cell>();
        const cells = states.flatMap((t): [string, Cell][] => (row.has(t) ? [[t, row.get(t) ?? { count: 0, totalMs: 0 }]] : []));
        return [s, value(cells, sum(cells.map(([, c]) => c.count)))];
      }),
    );
  return {
    states,
    counts: byRow((cells) => Object.fromEntries(cells.map(([t, c]) => [t, c.count]))),
    probabilities: byRow((cells, total) => Object.fromEntries(cells.map(([t, c]) => [t, c.count / total]))),
    absorption: Object.fromEntries(states.map((s) => [s, Object.fromEntries(absorption.get(s) ?? [])])),
    meanTimeMs: byRow((cells, total) => sum(cells.map(([, c]) => c.totalMs)) / total),
    transitions: sum([...rows.values()].flatMap((row) => [...row.values()].map((c) => c.count))),
    notes,
  };
}

type Cell = { count: number; totalMs: number };
type Rows = Map<string, Map<string, Cell>>;

/** Merges tallies per (from, to), dropping empty ones: a state keeps a row only if it was left. */
function tallyRows(tallies: readonly TransitionTally[]): Rows {
  const rows: Rows = new Map();
  for (const { from, to, count, totalMs } of tallies) {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count of ${from} → ${to} must be an integer ≥ 0 (got ${count})`);
    if (!(totalMs >= 0)) throw new RangeError(`totalMs of ${from} → ${to} must be ≥ 0 (got ${totalMs})`);
    if (count === 0) continue;
    const row = rows.get(from) ?? new Map<string, Cell>();
    const cell = row.get(to) ?? { count: 0, totalMs: 0 };
    row.set(to, { count: cell.count + count, totalMs: cell.totalMs + totalMs });
    rows.set(from, row);
  }
  return rows;
}

/** The states from which some path of observed transitions leads into `targets` (targets included). */
function statesReaching(targets: readonly string[], rows: Rows): Set<string> {
  const reached = new Set(targets);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [s, row] of rows) {
      if (!reached.has(s) && [...row.keys()].some((t) => reached.has(t))) {
        reached.add(s);
        grew = true;
      }
    }
  }
  return reached;
}

/** Solves (I − Q)·B = R over the transient states that reach an absorbing one. */
function solveAbsorption(transient: readonly string[], absorbing: readonly string[], rows: Rows): number[][] | undefined {
  const index = new Map(transient.map((s, i) => [s, i]));
  const column = new Map(absorbing.map((t, j) => [t, j]));
  const iMinusQ = transient.map((_, i) => transient.map((__, j) => (i === j ? 1 : 0)));
  const r = transient.map(() => absorbing.map(() => 0));
  transient.forEach((s, i) => {
    const row = rows.get(s) ?? new Map<string, Cell>();
    const total = sum([...row.values()].map((c) => c.count));
    for (const [t, { count }] of row) {
      const p = count / total;
      const j = index.get(t);
      const a = column.get(t);
      // A move into a trapped state is in neither Q nor R: that mass is never absorbed.
      if (j !== undefined) iMinusQ[i][j] -= p;
      else if (a !== undefined) r[i][a] += p;
    }
  });
  return solveLinearSystem(iMinusQ, r);
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

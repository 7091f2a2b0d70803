import type { BenchContext } from '../support/bench-context';
import type { FigureName } from '../support/figures-catalog';

/** Each measured figure's value per round. */
export type GroupRounds = Partial<Record<FigureName, number[]>>;

/** Measures one group of figures (only those in `selected`, plus what they need), `ctx.rounds` rounds each. */
export type FigureGroup = (ctx: BenchContext, selected: ReadonlySet<FigureName>) => Promise<GroupRounds>;

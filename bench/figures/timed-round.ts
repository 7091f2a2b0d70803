import type { FigureName } from '../support/figures-catalog';

/** One timed round of a prepared measurement (set up and warmed up already): each figure's value. */
export type TimedRound = (round: number) => Promise<Partial<Record<FigureName, number>>>;

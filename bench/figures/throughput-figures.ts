import type { FigureName } from '../support/figures-catalog';
import { prepareBullmqChain } from './bullmq-chain';
import { prepareDbosSaga } from './dbos-saga';
import type { FigureGroup, GroupRounds } from './figure-group';
import { prepareSagaRate, SAGA_RATE_FIGURES } from './saga-rate';
import type { TimedRound } from './timed-round';

/**
 * bullmqChain, sagaRate (with the orchestrator's peak RSS and CPU per saga) and dbosSaga, set up
 * side by side and interleaved round by round — the order rotating each round — so the load the
 * shared box happens to carry hits the three alike and their ratios hold.
 */
export const measureThroughputFigures: FigureGroup = async (ctx, selected) => {
  const prepared: TimedRound[] = [];
  if (selected.has('bullmqChain')) prepared.push(await prepareBullmqChain(ctx));
  if (SAGA_RATE_FIGURES.some((name) => selected.has(name))) prepared.push(await prepareSagaRate(ctx));
  if (selected.has('dbosSaga')) prepared.push(await prepareDbosSaga(ctx));
  const rounds: GroupRounds = {};
  for (let round = 0; round < ctx.rounds; round++) {
    for (let k = 0; k < prepared.length; k++) {
      const values = await prepared[(round + k) % prepared.length](round);
      for (const [name, value] of Object.entries(values) as [FigureName, number][]) (rounds[name] ??= []).push(value);
    }
  }
  return rounds;
};

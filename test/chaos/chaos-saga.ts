/** The saga the fault suite runs: three steps, the first two undoable. */
export const CHAOS_SAGA = 'chaos';

const step = (name: string, action: string, compensation: string | null) => ({
  name,
  action: { queue: action },
  compensation: compensation === null ? null : { queue: compensation },
  retry: { attempts: 3, backoff: { type: 'fixed', delayMs: 200 } },
  // Generous: a step whose worker or queue vanished must come back through redelivery or the
  // sweeper, not be failed by its deadline while the faults are still going on.
  timeoutMs: 120_000,
});

export const CHAOS_SAGA_DEFINITION = {
  version: 1,
  steps: [step('reserve', 'chaos.reserve', 'chaos.release'), step('charge', 'chaos.charge', 'chaos.refund'), step('ship', 'chaos.ship', null)],
};

/** Every queue a worker must serve. */
export const CHAOS_QUEUES = CHAOS_SAGA_DEFINITION.steps.flatMap((s) => [s.action.queue, ...(s.compensation ? [s.compensation.queue] : [])]);

/** The step at which a failing message's handler refuses for good. */
export const FAILING_STEP = 'charge';

export interface ChaosPayload {
  n: number;
  failAt?: string;
}

export const payloadFor = (n: number, failEvery: number): ChaosPayload => (n % failEvery === failEvery - 1 ? { n, failAt: FAILING_STEP } : { n });

import type { ChaosOptions } from './chaos-options';

export type FaultKind = 'orchestrator-kill' | 'worker-kill' | 'redis-loss' | 'postgres-restart';
export type TimelineKind = FaultKind | 'second-orchestrator-up' | 'second-orchestrator-down';

/** Something the run does at `atMs` after the load started. */
export interface TimelineEntry {
  kind: TimelineKind;
  atMs: number;
}

/** What a fault did, measured as it happened. */
export interface FaultRecord {
  kind: FaultKind;
  /** e.g. `orchestrator-kill #2 (slot 1)` */
  label: string;
  /** Epoch ms when the fault began (the kill, the stop). */
  startedAt: number;
  /** From the fault's start until the component was back (healthy orchestrator, PING, accepting connections). */
  downMs: number;
  detail?: string;
}

const ROTATION: FaultKind[] = ['orchestrator-kill', 'worker-kill', 'redis-loss', 'postgres-restart'];

/**
 * The run's timeline: the faults interleaved by kind (an orchestrator kill, a worker kill, a Redis
 * loss, a PostgreSQL restart, then round again while any are left) and spread evenly over the
 * load, so each fault lands while messages of every age are in flight; plus, if asked, a second
 * orchestrator over the middle half.
 */
export function planTimeline(o: ChaosOptions): TimelineEntry[] {
  const left: Record<FaultKind, number> = {
    'orchestrator-kill': o.orchestratorKills,
    'worker-kill': o.workerKills,
    'redis-loss': o.redisLosses,
    'postgres-restart': o.postgresRestarts,
  };
  const order: FaultKind[] = [];
  while (ROTATION.some((k) => left[k] > 0)) {
    for (const kind of ROTATION) {
      if (left[kind] > 0) {
        order.push(kind);
        left[kind]--;
      }
    }
  }
  const gap = o.durationMs / (order.length + 1);
  const timeline: TimelineEntry[] = order.map((kind, i) => ({ kind, atMs: Math.round(gap * (i + 1)) }));
  if (o.sideBySide) {
    // Just off the faults' slots, so the second process starts and stops between them.
    timeline.push({ kind: 'second-orchestrator-up', atMs: Math.round(o.durationMs * 0.25 + gap / 2) });
    timeline.push({ kind: 'second-orchestrator-down', atMs: Math.round(o.durationMs * 0.75 + gap / 2) });
  }
  return timeline.sort((a, b) => a.atMs - b.atMs);
}

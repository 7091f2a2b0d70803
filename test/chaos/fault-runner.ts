import type { ChaosEnvironment } from './chaos-environment';
import type { FaultKind, FaultRecord, TimelineEntry } from './fault-plan';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long each component stays away before it is brought back. */
const OUTAGE_MS: Record<FaultKind, number> = {
  'orchestrator-kill': 1000,
  'worker-kill': 1000,
  'redis-loss': 1500,
  'postgres-restart': 2000,
};

/** Carries out the timeline's entries on a running environment and records each fault's timings. */
export class FaultRunner {
  readonly records: FaultRecord[] = [];
  /** Idempotency keys whose handler was running when its worker was SIGKILLed. */
  readonly keysCaughtMidStep: string[] = [];
  private readonly done: Record<FaultKind, number> = { 'orchestrator-kill': 0, 'worker-kill': 0, 'redis-loss': 0, 'postgres-restart': 0 };

  constructor(
    private readonly env: ChaosEnvironment,
    private readonly log: (line: string) => void,
  ) {}

  async perform(entry: TimelineEntry): Promise<void> {
    const { pool } = this.env;
    if (entry.kind === 'second-orchestrator-up') {
      await pool.start(1);
      this.log(`chaos | a second orchestrator runs side by side (${pool.urls().join(', ')})`);
      return;
    }
    if (entry.kind === 'second-orchestrator-down') {
      await pool.kill(1, 'SIGTERM');
      this.log('chaos | the second orchestrator stopped (SIGTERM)');
      return;
    }
    const n = ++this.done[entry.kind];
    const startedAt = Date.now();
    let label = `${entry.kind} #${n}`;
    let detail: string | undefined;
    switch (entry.kind) {
      case 'orchestrator-kill': {
        const slot = pool.victim(n - 1);
        label += ` (slot ${slot} of ${pool.running()} running)`;
        await pool.kill(slot, 'SIGKILL');
        await sleep(OUTAGE_MS[entry.kind]);
        await pool.start(slot);
        break;
      }
      case 'worker-kill': {
        const caught = await this.env.worker.killMidStep();
        this.keysCaughtMidStep.push(...caught);
        detail = `${caught.length} step(s) mid-handler at the kill`;
        await sleep(OUTAGE_MS[entry.kind]);
        await this.env.worker.start();
        break;
      }
      case 'redis-loss':
        await this.env.redis.kill();
        await sleep(OUTAGE_MS[entry.kind]);
        await this.env.redis.restart();
        detail = 'restarted empty';
        break;
      case 'postgres-restart':
        await this.env.postgres.stop();
        await sleep(OUTAGE_MS[entry.kind]);
        await this.env.postgres.start();
        detail = 'fast shutdown, then started on the same data directory';
        break;
    }
    const record: FaultRecord = { kind: entry.kind, label, startedAt, downMs: Date.now() - startedAt, ...(detail ? { detail } : {}) };
    this.records.push(record);
    this.log(`chaos | ${label}: back after ${(record.downMs / 1000).toFixed(1)} s${detail ? `; ${detail}` : ''}`);
  }
}

import { randomBytes } from 'node:crypto';
import { auditChaosRun, recoveryAfter, type ChaosAudit } from './audit-chaos-run';
import { describeOptions, type ChaosOptions } from './chaos-options';
import { startChaosEnvironment, type ChaosEnvironment } from './chaos-environment';
import { planTimeline } from './fault-plan';
import { FaultRunner } from './fault-runner';
import { countUnsettled, readMessageStreams, readStatuses } from './read-retrace';
import { SteadyPublisher } from './steady-publisher';

export interface ChaosResult {
  audit: ChaosAudit;
  /** The one line a run ends with. */
  summary: string;
  /** True when nothing was lost, duplicated or stuck and every history is sound. */
  clean: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export const summaryLine = (a: ChaosAudit) => `chaos: accepted=${a.accepted} terminal=${a.terminal} lost=${a.lost} duplicated=${a.duplicated} stuck=${a.stuck}`;

/**
 * The fault suite: a steady load of `chaos` sagas while the orchestrator, the worker, Redis and
 * PostgreSQL are killed or restarted on a timeline; then a bounded wait for every accepted
 * message to settle, and an audit of the log against the side-effect ledger. Prints as it goes
 * through `log`, ending with the summary line.
 */
export async function runChaos(options: ChaosOptions, log: (line: string) => void): Promise<ChaosResult> {
  log(`chaos | ${describeOptions(options)}`);
  const env = await startChaosEnvironment('chaos', log);
  try {
    return await underLoad(env, options, log);
  } finally {
    await env.teardown();
  }
}

async function underLoad(env: ChaosEnvironment, options: ChaosOptions, log: (line: string) => void): Promise<ChaosResult> {
  const runTag = `c${randomBytes(3).toString('hex')}`;
  const publisher = new SteadyPublisher(() => env.pool.urls(), runTag, options.ratePerSecond, options.failEvery);
  const faults = new FaultRunner(env, log);
  const startedAt = Date.now();
  publisher.start();
  for (const entry of planTimeline(options)) {
    await sleep(startedAt + entry.atMs - Date.now());
    await faults.perform(entry);
  }
  await sleep(startedAt + options.durationMs - Date.now());
  const publishing = await publisher.stop(options.settleTimeoutMs);
  const loadMs = Date.now() - startedAt;
  log(
    `chaos | published ${publisher.count()} in ${seconds(loadMs)}: ${publishing.accepted.length} accepted, ${publishing.refused.length} refused, ` +
      `${publishing.unanswered.length} never answered, ${publishing.retries} send(s) retried under the same id`,
  );
  for (const r of publishing.refused.slice(0, 5)) log(`chaos | refused ${r.id}: ${r.status} ${r.body}`);

  const settleStart = Date.now();
  const base = () => env.pool.anyUrl();
  let unsettled: number | null = null;
  while (Date.now() - settleStart < options.settleTimeoutMs) {
    unsettled = await countUnsettled(await base());
    if (unsettled === 0) break;
    await sleep(500);
  }
  log(`chaos | ${unsettled === 0 ? 'every message terminal' : `${unsettled ?? 'unknown'} message(s) not terminal`} ${seconds(Date.now() - settleStart)} after the load stopped`);

  const url = await base();
  const [streams, statuses, ledger] = await Promise.all([readMessageStreams(url), readStatuses(url), env.ledger.rows()]);
  const audit = auditChaosRun({ accepted: publishing.accepted, streams, statuses, ledger });
  for (const f of faults.records) {
    const r = recoveryAfter(f.startedAt, streams);
    const settled = r.settledAfterMs === null ? 'some never settled' : `all settled ${seconds(r.settledAfterMs)} after it`;
    log(`chaos | fault ${f.label} at +${seconds(f.startedAt - startedAt)}: down ${seconds(f.downMs)}; ${r.inFlight} message(s) in flight, ${settled}`);
  }
  const caught = new Set(faults.keysCaughtMidStep);
  const caughtApplied = ledger.filter((row) => caught.has(row.key));
  log(
    `chaos | worker kills caught ${caught.size} step(s) mid-handler; ${caughtApplied.filter((row) => row.applications > 1).length} of them ran again under the same key`,
  );
  log(
    `chaos | outcomes ${JSON.stringify(audit.outcomes)}; ${audit.effects} side effects, ${audit.redelivered} redelivery(ies) deduped by key; ` +
      `${audit.unacknowledgedButKnown} message(s) taken without a definite answer`,
  );
  for (const p of audit.problems.slice(0, 50)) log(`chaos | PROBLEM ${p}`);
  if (audit.problems.length > 50) log(`chaos | … and ${audit.problems.length - 50} more problem(s)`);
  for (const exit of env.pool.unexpectedExits) log(`chaos | PROBLEM ${exit}`);
  const clean = audit.problems.length === 0 && publishing.unanswered.length === 0 && publishing.refused.length === 0 && env.pool.unexpectedExits.length === 0;
  if (!clean) log(`chaos | orchestrator output (last lines):\n${env.pool.recentOutput()}\nworker output:\n${env.worker.recentOutput()}`);
  const summary = summaryLine(audit);
  log(summary);
  return { audit, summary, clean };
}

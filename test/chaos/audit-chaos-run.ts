import { TERMINAL_STATUSES, type MessageStatus } from '@retrace/domain';
import { auditStream } from '../support/saga-audit';
import type { LogEvent } from './read-retrace';
import type { LedgerRow } from './side-effect-ledger';

export interface ChaosAuditInput {
  /** Ids the API acknowledged. */
  accepted: string[];
  /** Message id → its events, from the log. */
  streams: Map<string, LogEvent[]>;
  /** Message id → status, from the read model. */
  statuses: Map<string, string>;
  ledger: LedgerRow[];
}

export interface ChaosAudit {
  accepted: number;
  terminal: number;
  /** Accepted, but Retrace has no such message. */
  lost: number;
  /** Side effects applied under a second key for the same message, run, step and kind, or applied for a step the log never dispatched. */
  duplicated: number;
  /** Accepted and known, not terminal at the end. */
  stuck: number;
  /** Terminal messages by status. */
  outcomes: Record<string, number>;
  /** Side effects in the ledger, and deliveries of a key already applied (deduped by the key). */
  effects: number;
  redelivered: number;
  /** Messages in the log whose publish never got a definite answer (Retrace took them anyway). */
  unacknowledgedButKnown: number;
  /** Every finding, one readable line each; empty when the run is clean. */
  problems: string[];
}

const isTerminal = (status: string | undefined) => status !== undefined && TERMINAL_STATUSES.includes(status as MessageStatus);
const stepKey = (runId: unknown, step: unknown, kind: unknown) => `${String(runId)}|${String(step)}|${String(kind)}`;

/**
 * Judges a chaos run from the log, the read model and the side-effect ledger alone: what was
 * lost, applied twice or left unfinished, and whether every message's history is sound (versions,
 * no transition twice, one settle, its fold equal to its status).
 */
export function auditChaosRun({ accepted, streams, statuses, ledger }: ChaosAuditInput): ChaosAudit {
  const audit: ChaosAudit = {
    accepted: accepted.length,
    terminal: 0,
    lost: 0,
    duplicated: 0,
    stuck: 0,
    outcomes: {},
    effects: ledger.length,
    redelivered: ledger.reduce((n, r) => n + r.applications - 1, 0),
    unacknowledgedButKnown: 0,
    problems: [],
  };
  const acceptedSet = new Set(accepted);
  for (const id of accepted) {
    const events = streams.get(id) ?? [];
    const status = statuses.get(id);
    if (!events.some((e) => e.type === 'MessageAccepted')) {
      audit.lost++;
      audit.problems.push(`${id}: lost: the API accepted it, the log has no MessageAccepted (read model: ${status ?? 'no row'})`);
      continue;
    }
    if (!isTerminal(status)) {
      audit.stuck++;
      const last = events[events.length - 1];
      audit.problems.push(`${id}: stuck in ${status ?? 'no read-model row'}; last event ${last.type} ${JSON.stringify(last.data)} at ${last.createdAt}`);
      continue;
    }
    audit.terminal++;
    audit.outcomes[status!] = (audit.outcomes[status!] ?? 0) + 1;
    audit.problems.push(...auditStream(id, events, status!));
  }
  for (const id of streams.keys()) if (!acceptedSet.has(id)) audit.unacknowledgedButKnown++;

  const keysByStep = new Map<string, Set<string>>();
  const applied = new Set<string>();
  for (const row of ledger) {
    const where = `${row.messageId} ${row.step}.${row.kind} (run ${row.runId})`;
    const at = `${row.messageId}|${stepKey(row.runId, row.step, row.kind)}`;
    keysByStep.set(at, (keysByStep.get(at) ?? new Set()).add(row.key));
    applied.add(row.key);
    if (row.key !== `${row.messageId}~${row.runId}~${row.step}~${row.kind}`) audit.problems.push(`${where}: applied under key ${row.key}, not the job id the protocol defines`);
    const events = streams.get(row.messageId) ?? [];
    const onThisStep = (type: string) =>
      events.some((e) => {
        const data = e.data as { runId?: string; step?: string; kind?: string };
        return e.type === type && stepKey(data.runId, data.step, data.kind) === stepKey(row.runId, row.step, row.kind);
      });
    if (!onThisStep('StepDispatched')) {
      audit.duplicated++;
      audit.problems.push(`${where}: duplicated: applied under ${row.key}, but the log never dispatched that step`);
    } else if (onThisStep('StepFailed') && !onThisStep('StepSucceeded')) {
      audit.problems.push(`${where}: applied under ${row.key}, but the log says the step failed, so nothing will undo it`);
    }
  }
  for (const [at, keys] of keysByStep) {
    if (keys.size < 2) continue;
    audit.duplicated += keys.size - 1;
    audit.problems.push(`${at}: duplicated: applied under ${keys.size} keys: ${[...keys].join(', ')}`);
  }
  for (const id of accepted) {
    for (const e of streams.get(id) ?? []) {
      if (e.type !== 'StepSucceeded') continue;
      const key = `${id}~${e.data.runId}~${e.data.step}~${e.data.kind}`;
      if (!applied.has(key)) audit.problems.push(`${id}: the log says ${e.data.step}.${e.data.kind} succeeded, but no side effect was recorded under ${key}`);
    }
  }
  return audit;
}

/** How long after a fault the messages it caught in flight took to settle. */
export interface FaultRecovery {
  /** Accepted before the fault and not settled when it began. */
  inFlight: number;
  /** Ms from the fault to the last of them settling; null if one never did. */
  settledAfterMs: number | null;
}

export function recoveryAfter(startedAt: number, streams: Map<string, LogEvent[]>): FaultRecovery {
  let inFlight = 0;
  let latest = startedAt;
  let unsettled = false;
  for (const events of streams.values()) {
    const acceptedAt = events.find((e) => e.type === 'MessageAccepted');
    if (!acceptedAt || Date.parse(acceptedAt.createdAt) > startedAt) continue;
    const settled = events.find((e) => e.type === 'MessageSettled');
    const settledAt = settled ? Date.parse(settled.createdAt) : null;
    if (settledAt !== null && settledAt <= startedAt) continue;
    inFlight++;
    if (settledAt === null) unsettled = true;
    else latest = Math.max(latest, settledAt);
  }
  return { inFlight, settledAfterMs: unsettled ? null : latest - startedAt };
}

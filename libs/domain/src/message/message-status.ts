/** Every status a message can be in. The status is only ever derived by folding its events. */
export const MESSAGE_STATUSES = [
  'PENDING',
  'PROCESSING',
  'COMPLETED',
  'COMPENSATING',
  'COMPENSATED',
  'COMPENSATION_FAILED',
  'FAILED',
  'RETRACTED',
  'REVOKING',
  'REVOKED',
  'REVOKE_FAILED',
  'REPLAYING',
  'REPLAY_FAILED',
] as const;

export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Statuses in which nothing runs and nothing will run until an operator acts. */
export const TERMINAL_STATUSES: readonly MessageStatus[] = [
  'COMPLETED',
  'COMPENSATED',
  'COMPENSATION_FAILED',
  'FAILED',
  'RETRACTED',
  'REVOKED',
  'REVOKE_FAILED',
  'REPLAY_FAILED',
];

/** Statuses from which a replay may start (COMPLETED also, but only with `force`). */
export const REPLAYABLE_STATUSES: readonly MessageStatus[] = [
  'FAILED',
  'COMPENSATED',
  'COMPENSATION_FAILED',
  'REVOKED',
  'REVOKE_FAILED',
  'REPLAY_FAILED',
];

export function isMessageStatus(value: unknown): value is MessageStatus {
  return typeof value === 'string' && (MESSAGE_STATUSES as readonly string[]).includes(value);
}

export function isTerminalStatus(status: MessageStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

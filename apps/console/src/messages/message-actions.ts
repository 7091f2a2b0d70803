import type { Message } from '../api/api-types';

export type MessageAction = 'retract' | 'cancel' | 'undo' | 'replay';

export const MESSAGE_ACTIONS: MessageAction[] = ['retract', 'cancel', 'undo', 'replay'];

/** The statuses each action accepts (DESIGN.md's status machine); the server decides, this only hints. */
const ALLOWED: Record<MessageAction, readonly string[]> = {
  retract: ['PENDING'],
  cancel: ['PROCESSING', 'REPLAYING'],
  undo: ['COMPLETED', 'FAILED', 'COMPENSATION_FAILED', 'REVOKE_FAILED'],
  replay: ['FAILED', 'COMPENSATED', 'COMPENSATION_FAILED', 'REVOKED', 'REVOKE_FAILED', 'REPLAY_FAILED', 'COMPLETED'],
};

/** Why an action does not fit the message's status now, or null. */
export function statusBlocks(action: MessageAction, message: Message): string | null {
  if (ALLOWED[action].includes(message.status)) return null;
  return `${action} needs a message in ${ALLOWED[action].join(', ')}; this one is ${message.status}`;
}

/** What the confirmation says will happen. */
export function consequenceOf(action: MessageAction, message: Message, options: { mode: string; fromStep: string; force: boolean }): string {
  const id = `"${message.id}"`;
  switch (action) {
    case 'retract':
      return `Withdraws ${id} before any step starts: its job leaves the queue and it ends RETRACTED. Refused if a worker already took it.`;
    case 'cancel':
      return `Stops ${id}: no further step starts, the running step is awaited, then the completed steps are compensated in reverse.`;
    case 'undo':
      return `Runs the compensations of ${id}'s completed steps in reverse, with each step's stored result; it ends REVOKED.${options.force ? ' Irreversible steps are skipped (force).' : ' Refused if an irreversible step completed (tick force to skip it).'}`;
    case 'replay': {
      const from =
        options.mode === 'restart' ? 'every step from the first' : options.mode === 'fromStep' ? `from step "${options.fromStep}" on` : 'from the first step whose effect is not in place, reusing the earlier results';
      return `Starts a new run of ${id} with new job ids, running ${from}.${message.status === 'COMPLETED' ? ' It is COMPLETED, so this needs force.' : ''}`;
    }
  }
}

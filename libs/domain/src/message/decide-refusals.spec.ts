import { DomainError } from '../errors/domain-error';
import { IllegalTransitionError } from '../errors/illegal-transition.error';
import { decide } from './decide';
import type { MessageCommand } from './message-commands';
import { MESSAGE_STATUSES, REPLAYABLE_STATUSES, type MessageStatus } from './message-status';
import { CANCEL, HISTORY_BY_STATUS, RETRACT, accept, given, replay, start, succeed, undo } from './message.fixtures';

type StatusOrNull = MessageStatus | 'null';

const COMMANDS: Array<[string, MessageCommand, readonly StatusOrNull[]]> = [
  ['accept', accept({ runId: 'run-9' }), ['null']],
  ['retract', RETRACT, ['PENDING']],
  ['cancel', CANCEL, ['PROCESSING', 'REPLAYING']],
  ['undo', undo('run-9', true), ['COMPLETED', 'FAILED', 'COMPENSATION_FAILED', 'REVOKE_FAILED']],
  ['replay', replay({ runId: 'run-9' }), REPLAYABLE_STATUSES],
  ['replay', replay({ runId: 'run-9', force: true }), [...REPLAYABLE_STATUSES, 'COMPLETED']],
  ['record a step start for', start('reserve'), MESSAGE_STATUSES],
  ['record a step outcome for', succeed('reserve'), MESSAGE_STATUSES],
];

const STATUSES: StatusOrNull[] = ['null', ...MESSAGE_STATUSES];

describe('the status machine in every status', () => {
  it.each(STATUSES)('reaches %s through its fixture history', (status) => {
    expect(given(...HISTORY_BY_STATUS[status]).status).toBe(status === 'null' ? null : status);
  });

  const cases = COMMANDS.flatMap(([verb, command, allowed]) =>
    STATUSES.map((status) => ({ verb, command, status, allowed: allowed.includes(status) })),
  );

  it.each(cases.filter((c) => c.allowed))('$command.type is allowed in $status', ({ command, status }) => {
    expect(decide(given(...HISTORY_BY_STATUS[status]), command).length).toBeGreaterThan(0);
  });

  const refused = cases.filter((c) => !c.allowed);
  it.each(refused)('$command.type (force: $command.force) is refused in $status, naming it', ({ verb, command, status }) => {
    const state = given(...HISTORY_BY_STATUS[status]);
    let error: unknown;
    try {
      decide(state, command);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IllegalTransitionError);
    const { message, code } = error as DomainError;
    expect(code).toBe('ILLEGAL_TRANSITION');
    expect(message).toMatch(new RegExp(`^cannot ${verb} a message that is ${status === 'null' ? 'not accepted yet' : status}; `));
    expect(message).not.toContain('not allowed in this status');
  });
});

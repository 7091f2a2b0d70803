import type { MessageCommand } from '../message/message-commands';
import type { MessageStatus } from '../message/message-status';
import type { OperationAction, OperationParams } from './parse-operation-request';

/** The command an operation issues for one message; `runId` is the new run a replay or undo starts. */
export function operationCommand(action: OperationAction, params: OperationParams, runId: string): MessageCommand {
  switch (action) {
    case 'retract':
      return { type: 'RetractMessage' };
    case 'undo':
      return { type: 'UndoMessage', runId, force: params.force };
    case 'replay':
      return { type: 'ReplayMessage', runId, mode: params.mode, fromStep: params.fromStep, force: params.force, patch: params.patch };
  }
}

/** The status an item's message must reach for the item to count as succeeded. */
export const OPERATION_GOALS: Record<OperationAction, MessageStatus> = {
  replay: 'COMPLETED',
  undo: 'REVOKED',
  retract: 'RETRACTED',
};

import type { MessageStatus } from './message-status';
import type { JsonObject, StepError, StepKind } from './message-events';
import type { OnFailure } from '../saga/saga-definition';

export type StepStatus =
  | 'PENDING'
  | 'DISPATCHED'
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'COMPENSATING'
  | 'COMPENSATED'
  | 'COMPENSATION_FAILED'
  | 'SKIPPED';

export interface StepState {
  name: string;
  compensable: boolean;
  status: StepStatus;
  /** Attempts made by the current kind (action, then compensation) in the current run. */
  attempts: number;
  /** The action's result; kept through compensation and handed to it. */
  result: unknown;
  error: StepError | null;
  /** The current run reuses this step's recorded result instead of running it again. */
  reused: boolean;
}

/** The fold of a message stream. `status` is null until the message is accepted. */
export interface MessageState {
  status: MessageStatus | null;
  saga: string;
  sagaVersion: number;
  messageType: 'command' | 'event';
  payload: JsonObject;
  correlationId: string | null;
  onFailure: OnFailure;
  runId: string;
  /** Number of runs so far: 1 for the first, +1 per replay. */
  runs: number;
  replayOf: string | null;
  steps: StepState[];
  /**
   * The step job dispatched or running now, if any. `attempt` is the attempt a worker is running
   * now, null while the job waits in the queue (first try, or a retry after a failed attempt).
   */
  current: { step: string; kind: StepKind; attempt: number | null } | null;
  /** Steps still to compensate, in the order they will run. */
  compensationQueue: string[];
  compensationTrigger: 'failure' | 'cancel' | 'undo' | null;
  /** Whether any worker ever started a step of this message (retract is refused after). */
  started: boolean;
  cancelRequested: boolean;
}

export const INITIAL_MESSAGE_STATE: MessageState = {
  status: null,
  saga: '',
  sagaVersion: 0,
  messageType: 'command',
  payload: {},
  correlationId: null,
  onFailure: 'compensate',
  runId: '',
  runs: 0,
  replayOf: null,
  steps: [],
  current: null,
  compensationQueue: [],
  compensationTrigger: null,
  started: false,
  cancelRequested: false,
};

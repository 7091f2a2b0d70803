import type { MessageStatus } from './message-status';
import type { OnFailure, StepPlan } from '../saga/saga-definition';

/**
 * The events of a message stream (`message-<id>`). Types are stable strings: a stored event type
 * is never renamed (add an upcaster instead). `status` on an event, where present, is the status
 * the message has after it, so a reader of the log sees each transition on the event that made it.
 */
export type StepKind = 'action' | 'compensation';

export interface StepError {
  message: string;
  /** `true` when the worker said retrying cannot help (a 4xx, an UnrecoverableError). */
  permanent?: boolean;
  code?: string;
}

export type JsonObject = { [key: string]: unknown };

export interface MessageAccepted {
  type: 'MessageAccepted';
  data: {
    saga: string;
    sagaVersion: number;
    messageType: 'command' | 'event';
    payload: JsonObject;
    correlationId: string | null;
    delayMs: number;
    runId: string;
    steps: StepPlan[];
    onFailure: OnFailure;
    status: 'PENDING';
  };
}

/** A job for a step's action or compensation was committed to the outbox. */
export interface StepDispatched {
  type: 'StepDispatched';
  data: { runId: string; step: string; kind: StepKind; delayMs: number };
}

export interface StepStarted {
  type: 'StepStarted';
  data: { runId: string; step: string; kind: StepKind; attempt: number; status: MessageStatus };
}

/** One attempt failed and the step will be tried again. */
export interface StepAttemptFailed {
  type: 'StepAttemptFailed';
  data: { runId: string; step: string; kind: StepKind; attempt: number; error: StepError };
}

export interface StepSucceeded {
  type: 'StepSucceeded';
  data: { runId: string; step: string; kind: StepKind; attempt: number; result: unknown; status: MessageStatus };
}

/** The step (or compensation) failed for good: attempts exhausted, timed out, or permanent. */
export interface StepFailed {
  type: 'StepFailed';
  data: { runId: string; step: string; kind: StepKind; attempt: number; error: StepError; status: MessageStatus };
}

/** An irreversible step was passed over by a forced undo. */
export interface CompensationSkipped {
  type: 'CompensationSkipped';
  data: { runId: string; step: string; reason: 'irreversible' };
}

/** Compensation of completed steps began, in reverse order. */
export interface CompensationStarted {
  type: 'CompensationStarted';
  data: { runId: string; trigger: 'failure' | 'cancel' | 'undo'; steps: string[]; status: MessageStatus };
}

/** An operator asked to stop a PROCESSING message; a running step is awaited first. */
export interface CancelRequested {
  type: 'CancelRequested';
  data: { runId: string; awaiting: string | null; status: MessageStatus };
}

export interface MessageRetracted {
  type: 'MessageRetracted';
  data: { status: 'RETRACTED' };
}

/** An undo was accepted; `skipped` lists irreversible steps passed over by `force`. */
export interface UndoRequested {
  type: 'UndoRequested';
  data: { runId: string; force: boolean; skipped: string[]; status: 'REVOKING' };
}

export interface ReplayStarted {
  type: 'ReplayStarted';
  data: {
    runId: string;
    replayOf: string;
    mode: 'resume' | 'restart';
    fromStep: string | null;
    /** Steps whose recorded results the new run reuses instead of running again. */
    reused: string[];
    patch: JsonObject | null;
    payload: JsonObject;
    force: boolean;
    status: 'REPLAYING';
  };
}

/** The message reached a terminal status (COMPLETED, FAILED, COMPENSATED, …). */
export interface MessageSettled {
  type: 'MessageSettled';
  data: { runId: string; status: MessageStatus; reason: string | null };
}

/** A late or duplicate worker reply: recorded, changes nothing. */
export interface ReplyIgnored {
  type: 'ReplyIgnored';
  data: { runId: string; step: string; kind: StepKind; attempt: number; outcome: string; why: string; error?: StepError };
}

export type MessageEvent =
  | MessageAccepted
  | StepDispatched
  | StepStarted
  | StepAttemptFailed
  | StepSucceeded
  | StepFailed
  | CompensationSkipped
  | CompensationStarted
  | CancelRequested
  | MessageRetracted
  | UndoRequested
  | ReplayStarted
  | MessageSettled
  | ReplyIgnored;

export type MessageEventType = MessageEvent['type'];

export const MESSAGE_EVENT_TYPES: readonly MessageEventType[] = [
  'MessageAccepted',
  'StepDispatched',
  'StepStarted',
  'StepAttemptFailed',
  'StepSucceeded',
  'StepFailed',
  'CompensationSkipped',
  'CompensationStarted',
  'CancelRequested',
  'MessageRetracted',
  'UndoRequested',
  'ReplayStarted',
  'MessageSettled',
  'ReplyIgnored',
];

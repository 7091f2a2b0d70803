import type { JsonObject, StepError, StepKind } from './message-events';
import type { OnFailure, StepPlan } from '../saga/saga-definition';

/**
 * What can be asked of a message. Everything non-deterministic (ids, the clock) is decided by the
 * caller and passed in, so `decide` stays a pure function.
 */
export interface AcceptMessage {
  type: 'AcceptMessage';
  saga: string;
  sagaVersion: number;
  messageType: 'command' | 'event';
  payload: JsonObject;
  correlationId: string | null;
  delayMs: number;
  runId: string;
  steps: StepPlan[];
  onFailure: OnFailure;
}

/** A worker picked up a step's job. */
export interface RecordStepStarted {
  type: 'RecordStepStarted';
  runId: string;
  step: string;
  kind: StepKind;
  attempt: number;
}

/** A worker finished an attempt. `final` is set when no retry follows a failure. */
export interface RecordStepOutcome {
  type: 'RecordStepOutcome';
  runId: string;
  step: string;
  kind: StepKind;
  attempt: number;
  outcome: { ok: true; result: unknown } | { ok: false; error: StepError; final: boolean };
}

export interface RetractMessage {
  type: 'RetractMessage';
}

export interface CancelMessage {
  type: 'CancelMessage';
}

export interface UndoMessage {
  type: 'UndoMessage';
  runId: string;
  force: boolean;
}

export interface ReplayMessage {
  type: 'ReplayMessage';
  runId: string;
  mode: 'resume' | 'restart';
  fromStep: string | null;
  force: boolean;
  /** A JSON Merge Patch (RFC 7396) applied to the payload for the new run. */
  patch: JsonObject | null;
}

export type MessageCommand =
  | AcceptMessage
  | RecordStepStarted
  | RecordStepOutcome
  | RetractMessage
  | CancelMessage
  | UndoMessage
  | ReplayMessage;

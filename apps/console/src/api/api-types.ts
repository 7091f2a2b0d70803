import type { MessageStatus } from '@retrace/domain/message/message-status';

/** The shapes of the HTTP API as its controllers answer (apps/orchestrator/src/http/**.mapper.ts). */
export type { MessageStatus };

export type Role = 'operator' | 'viewer' | 'service';

export interface Me {
  name: string;
  role: Role;
  sagas: string[] | null;
  /** False when the server runs without API keys (loopback only). */
  authentication: boolean;
}

export interface StepError {
  message: string;
  permanent?: boolean;
  code?: string;
}

export interface MessageStep {
  name: string;
  status: string;
  attempts: number;
  result: unknown;
  error: StepError | null;
}

export interface Message {
  id: string;
  saga: string;
  sagaVersion: number;
  type: string;
  status: MessageStatus;
  payload: Record<string, unknown>;
  correlationId: string | null;
  runId: string;
  createdAt: string;
  updatedAt: string;
  steps: MessageStep[];
}

export interface MessagePage {
  items: Message[];
  nextCursor: string | null;
}

export interface MessageEvent {
  position: number;
  version: number;
  type: string;
  data: Record<string, unknown>;
  metadata: { actor: string | null; reason: string | null; runId: string | null; causationId: string | null; operationId?: string };
  createdAt: string;
}

export interface StepTarget {
  queue?: string;
  http?: { url: string; method?: string };
}

export interface SagaStep {
  name: string;
  action: StepTarget;
  compensation: StepTarget | null;
  retry?: { attempts: number; backoff?: { type: string; delayMs: number } };
  timeoutMs?: number;
}

export interface Saga {
  name: string;
  version: number;
  description: string | null;
  onFailure: string;
  steps: SagaStep[];
  registeredAt: string;
}

export type OperationAction = 'replay' | 'undo' | 'retract';

export interface Selector {
  saga?: string;
  status?: string[];
  from?: string;
  to?: string;
  fromPosition?: number;
  toPosition?: number;
}

export interface OperationRequest {
  action: OperationAction;
  reason: string;
  selector: Selector;
  mode?: 'resume' | 'restart';
  fromStep?: string;
  force?: boolean;
  maxInFlight?: number;
  dryRun?: boolean;
  confirm?: number;
}

export type ItemPlan =
  | { acts: true; run: string[]; reuse: string[]; compensate: string[]; skipCompensation: string[]; withdraw: string | null }
  | { acts: false; outcome: 'skipped' | 'failed'; code: string; reason: string };

export interface DryRun {
  matched: number;
  sample: Array<{ id: string; saga: string; status: string | null; plan: ItemPlan }>;
  plan: { act: number; skip: Record<string, number>; fail: Record<string, number>; run: Record<string, number>; compensate: Record<string, number> };
}

export interface Operation {
  id: string;
  action: OperationAction;
  status: 'running' | 'cancelling' | 'cancelled' | 'completed' | 'failed';
  total: number;
  done: number;
  succeeded: number;
  failed: number;
  skipped: number;
  reason: string;
  actor: string;
  selector: Selector;
  mode?: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface Subscription {
  name: string;
  filter: { saga?: string; types?: string[]; streamPrefix?: string };
  committedPosition: number;
  headPosition?: number;
  lag?: number;
  lease: { until: string; upToPosition: number; active: boolean } | null;
  updatedAt: string;
}

export interface ResetResult {
  dryRun: boolean;
  currentPosition: number;
  newPosition: number;
  eventsToRedeliver: number;
  eventsToSkip: number;
}

export interface TransitionStats {
  states: string[];
  counts: Record<string, Record<string, number>>;
  probabilities: Record<string, Record<string, number>>;
  absorption: Record<string, Record<string, number>>;
  notes?: string[];
}

/** Where a step's action or compensation runs: a BullMQ queue or an HTTP endpoint. */
export type StepTarget =
  | { queue: string }
  | { http: { url: string; method?: HttpStepMethod; headers?: Record<string, string> } };

export type HttpStepMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'GET';

export interface RetryPolicy {
  /** Every try counts, the first included. */
  attempts: number;
  backoff: { type: 'fixed' | 'exponential'; delayMs: number };
}

export interface StepDefinition {
  name: string;
  action: StepTarget;
  /** `null` marks an irreversible step. */
  compensation: StepTarget | null;
  retry: RetryPolicy;
  timeoutMs: number;
}

export type OnFailure = 'compensate' | 'pause';

/** A registered, versioned saga. Messages are pinned to the version they were published under. */
export interface SagaDefinition {
  name: string;
  version: number;
  description?: string;
  onFailure: OnFailure;
  steps: StepDefinition[];
  /** Payload paths hidden from viewers and logs (`card.number`, `items.*.iban`); absent when none. */
  redact?: string[];
}

/** What a message's status machine needs to know of each step of its pinned saga version. */
export interface StepPlan {
  name: string;
  compensable: boolean;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 1, backoff: { type: 'fixed', delayMs: 0 } };
export const DEFAULT_TIMEOUT_MS = 30_000;

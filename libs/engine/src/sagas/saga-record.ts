import type { SagaDefinition } from '@retrace/domain';

/** A registered saga version as the engine hands it out. */
export interface SagaRecord {
  definition: SagaDefinition;
  /** The body as registered, to compare a repeated registration with. */
  body: unknown;
  position: number;
  registeredAt: Date;
}

/** The stream a saga's registrations are recorded in. */
export const sagaStreamId = (name: string): string => `saga-${name}`;

export const SAGA_REGISTERED = 'SagaRegistered';

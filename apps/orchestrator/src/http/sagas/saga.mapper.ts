import type { SagaRecord } from '@retrace/engine';

/** The saga as the API shows it: the normalized definition (defaults filled) and when it was registered. */
export const toSagaDto = ({ definition, registeredAt }: SagaRecord) => ({
  name: definition.name,
  version: definition.version,
  description: definition.description ?? null,
  onFailure: definition.onFailure,
  steps: definition.steps,
  registeredAt: registeredAt.toISOString(),
});

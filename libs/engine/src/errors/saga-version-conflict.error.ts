import { DomainError } from '@retrace/domain';

/** The same saga version was registered before with another body (HTTP 409). */
export class SagaVersionConflictError extends DomainError {
  readonly code = 'SAGA_VERSION_CONFLICT';

  constructor(name: string, version: number) {
    super(
      `saga '${name}' version ${version} is already registered with a different definition; ` +
        `versions are immutable — register the change as version ${version + 1} or higher`,
      { saga: name, version },
    );
  }
}

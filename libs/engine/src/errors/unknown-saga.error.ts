import { DomainError } from '@retrace/domain';

/** No saga (or no such version of it) is registered (HTTP 404). */
export class UnknownSagaError extends DomainError {
  readonly code = 'UNKNOWN_SAGA';

  constructor(name: string, version?: number) {
    super(
      version === undefined
        ? `saga '${name}' is not registered; register it with PUT /v1/sagas/${name} first`
        : `saga '${name}' has no version ${version}; GET /v1/sagas/${name} shows the latest`,
      { saga: name, version },
    );
  }
}

import { Command } from '@nestjs/cqrs';

export interface RegisterSagaResult {
  name: string;
  version: number;
  /** False when the same version was registered before with the same body. */
  created: boolean;
}

/** Register one version of a saga definition (PUT /v1/sagas/{name}). */
export class RegisterSagaCommand extends Command<RegisterSagaResult> {
  constructor(
    readonly name: string,
    readonly body: unknown,
    readonly actor: string | null,
  ) {
    super();
  }
}

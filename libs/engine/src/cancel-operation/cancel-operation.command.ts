import { Command } from '@nestjs/cqrs';
import type { OperationRecord } from '../operations/operation-record';
import type { OperatorContext } from '../operator/operator-context';

/** Stop starting new items; the ones in flight finish, then the operation is `cancelled`. */
export class CancelOperationCommand extends Command<OperationRecord> {
  constructor(
    readonly id: string,
    readonly context: OperatorContext,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { ItemPlan, MessageStatus, OperationRequest } from '@retrace/domain';

export interface DryRunSampleItem {
  id: string;
  saga: string;
  status: MessageStatus | null;
  plan: ItemPlan;
}

/** What a dry run answers: how many match, a sample with each one's plan, and the plan in sum. */
export interface DryRunResult {
  matched: number;
  sample: DryRunSampleItem[];
  plan: {
    /** Messages the action would be taken on. */
    act: number;
    /** Messages it would pass over (their status does not allow it), by reason. */
    skip: Record<string, number>;
    /** Messages it would fail on (e.g. irreversible steps without force), by reason. */
    fail: Record<string, number>;
    /** Per step: how many messages would run it, or compensate it. */
    run: Record<string, number>;
    compensate: Record<string, number>;
  };
}

export type CreateOperationResult = { dryRun: true; result: DryRunResult } | { dryRun: false; id: string; matched: number };

/** A bulk replay, undo or retract over a selector (POST /v1/admin/operations). */
export class CreateOperationCommand extends Command<CreateOperationResult> {
  constructor(
    readonly request: OperationRequest,
    readonly actor: string,
  ) {
    super();
  }
}

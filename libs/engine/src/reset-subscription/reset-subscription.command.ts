import { Command } from '@nestjs/cqrs';
import type { ResetSubscriptionRequest } from '@retrace/domain';

/**
 * Where a reset moves (or, as a dry run, would move) the committed position, and how many
 * matching events that delivers again (moving back) or skips (moving forward).
 */
export interface ResetSubscriptionResult {
  dryRun: boolean;
  currentPosition: number;
  newPosition: number;
  eventsToRedeliver: number;
  eventsToSkip: number;
}

/** Moves a subscription's committed position (POST /v1/admin/subscriptions/{name}/reset). */
export class ResetSubscriptionCommand extends Command<ResetSubscriptionResult> {
  constructor(
    readonly name: string,
    readonly request: ResetSubscriptionRequest,
    readonly actor: string,
  ) {
    super();
  }
}

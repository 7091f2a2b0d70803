import { Injectable } from '@nestjs/common';
import { Signal } from '../background/signal';

/**
 * Emitted right after a commit that added outbox rows, so this process's relay sends the step jobs
 * without waiting for a poll. Other processes' relays find them by polling.
 */
@Injectable()
export class OutboxSignal extends Signal {}

import { Injectable } from '@nestjs/common';
import { Signal } from '../background/signal';
import type { OutboxJob } from './outbox-job';

/**
 * Wakes this process's relay right after a commit that touched the outbox. `committed(jobs)` hands
 * over the ids of the rows this process just committed, so the relay sends them by job id without
 * searching the table; `emit()` says "rows changed, look" (a re-send marked by the sweeper). The hand-over
 * is only a shortcut: the rows are committed, so a hand-over lost with the process is found by a
 * relay's poll. Jobs are kept only while a relay takes them (`acceptHandOver`).
 */
@Injectable()
export class OutboxSignal extends Signal {
  private handed: string[] = [];
  private accepting = false;
  private wantLook = false;

  /** Called by the relay of this process: from now on committed jobs are kept for it. */
  acceptHandOver(accept: boolean): void {
    this.accepting = accept;
    if (!accept) this.handed = [];
  }

  /** After the commit of `jobs`' outbox rows. */
  committed(jobs: readonly OutboxJob[]): void {
    if (jobs.length === 0) return;
    if (this.accepting) {
      for (const job of jobs) this.handed.push(job.jobId);
    } else {
      this.wantLook = true;
    }
    super.emit();
  }

  override emit(): void {
    this.wantLook = true;
    super.emit();
  }

  /** The ids of the jobs handed over and not taken yet, oldest first. */
  takeCommitted(): string[] {
    const handed = this.handed;
    this.handed = [];
    return handed;
  }

  /** Whether a look at the table is wanted (without taking the wish; see takeLookWanted). */
  lookWanted(): boolean {
    return this.wantLook;
  }

  /** Whether a wake-up since the last call asked for a look at the table. */
  takeLookWanted(): boolean {
    const wanted = this.wantLook;
    this.wantLook = false;
    return wanted;
  }
}

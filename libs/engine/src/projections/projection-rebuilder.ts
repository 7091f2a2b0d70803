import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InvalidInputError } from '@retrace/domain';
import { EventStore, type SqlRunner } from '@retrace/event-store';
import { ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import type { ProjectedEvent, Projection, ProjectionApplier } from './projection';
import { PROJECTIONS } from './projection-registry';
import { readCommittedTail, readProjectedPage } from './read-projected-events';
import { RebuildRepository } from './rebuild-repository';
import { createShadowTables, dropShadowTables, mergeShadowTables } from './shadow-tables';

const PAGE_SIZE = 5000;
/** How long the swap waits for writers to let go of the live tables before it retries. */
const LOCK_TIMEOUT_MS = 5_000;
const SWAP_ATTEMPTS = 5;
const RETRYABLE = new Set(['55P03', '40P01']); // lock_not_available, deadlock_detected

export interface RebuildRequest {
  /** Names of projections to rebuild; null = all. */
  projections: string[] | null;
  reason: string;
  actor: string;
}

class RebuildInterrupted extends Error {
  constructor() {
    super('interrupted: the orchestrator shut down; start the rebuild again');
  }
}

/**
 * Rebuilds read models from the log alone while the service runs: reads the log in position order
 * (gap-safe pages) into shadow tables, then, in one short transaction that locks the live tables
 * against writers (readers go on), applies what was appended meanwhile and makes the live rows
 * equal to the shadow rows. Progress is in `projection_rebuilds`, readable from any replica.
 */
@Injectable()
export class ProjectionRebuilder implements OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionRebuilder.name);
  private running: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly store: EventStore,
    private readonly rebuilds: RebuildRepository,
    @Inject(PROJECTIONS) private readonly projections: readonly Projection[],
    @Inject(ENGINE_OPTIONS) private readonly options: EngineOptions,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  /**
   * Records the rebuild and starts it in the background; its progress row is there on return.
   * @throws InvalidInputError naming the known projections when one is unknown
   * @throws RebuildAlreadyRunningError when another rebuild runs
   */
  async start(request: RebuildRequest): Promise<string> {
    const selected = this.select(request.projections);
    const id = randomUUID();
    const headAtStart = await this.store.readHeadPosition();
    await this.rebuilds.start({ id, projections: selected.map((p) => p.name), reason: request.reason, actor: request.actor, headAtStart });
    this.logger.log(`rebuilding ${selected.map((p) => p.name).join(', ')} (rebuild ${id}, log head ${headAtStart}): ${request.reason}`);
    this.running = this.run(id, selected).catch(async (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`rebuild ${id} failed: ${message}`);
      await this.rebuilds.fail(id, message).catch(() => undefined);
    });
    return id;
  }

  private select(names: string[] | null): Projection[] {
    if (names === null) return [...this.projections];
    const known = this.projections.map((p) => p.name);
    const unknown = names.filter((name) => !known.includes(name));
    if (unknown.length > 0) {
      throw new InvalidInputError(
        unknown.map((name) => ({ path: `projections[${names.indexOf(name)}]`, message: `is not a projection: '${name}' (known: ${known.join(', ')})` })),
      );
    }
    return this.projections.filter((p) => names.includes(p.name));
  }

  private async run(id: string, selected: Projection[]): Promise<void> {
    const tables = selected.flatMap((p) => p.tables);
    const appliers = selected.map((p) => p.begin({ firstCheckMs: this.options.firstCheckMs }));
    await createShadowTables(this.store.sql, tables);
    try {
      let reached = await this.bulk(id, appliers, { position: 0, eventsApplied: 0 });
      for (let attempt = 1; ; attempt++) {
        try {
          await this.swap(id, appliers, tables, reached);
          this.logger.log(`rebuild ${id} succeeded`);
          return;
        } catch (error) {
          if (!RETRYABLE.has((error as { code?: string }).code ?? '') || attempt >= SWAP_ATTEMPTS) throw error;
          this.logger.warn(`rebuild ${id}: writers held the tables for ${LOCK_TIMEOUT_MS} ms; catching up and trying the swap again`);
          reached = await this.bulk(id, appliers, reached);
        }
      }
    } catch (error) {
      // Still `running` in projection_rebuilds until the caller records the failure, so no other
      // rebuild has shadows of its own yet. (A successful swap drops them in its own commit.)
      await dropShadowTables(this.store.sql, tables).catch((dropError: unknown) => this.logger.warn(`rebuild ${id}: could not drop its shadow tables: ${String(dropError)}`));
      throw error;
    }
  }

  /**
   * Reads the log from `from.position` into the shadows until a page comes back short (caught up).
   * The next page is read while the current one is applied (another connection), so reading and
   * writing overlap.
   */
  private async bulk(id: string, appliers: ProjectionApplier[], from: { position: number; eventsApplied: number }) {
    let { position, eventsApplied } = from;
    const read = (after: number) => {
      const page = readProjectedPage(this.store, after, PAGE_SIZE);
      page.catch(() => undefined); // a prefetch left behind by a failure must not go unhandled
      return page;
    };
    let next = read(position);
    for (;;) {
      if (this.stopping) throw new RebuildInterrupted();
      const page = await next;
      const full = page.events.length === PAGE_SIZE;
      if (full) next = read(page.lastPosition);
      if (page.events.length > 0) await this.store.transaction((tx) => applyAll(tx, appliers, page.events));
      position = page.lastPosition;
      eventsApplied += page.events.length;
      await this.rebuilds.progress(id, { phase: 'bulk', position, eventsApplied });
      if (!full) return { position, eventsApplied };
    }
  }

  /**
   * The swap: writers of the live tables wait (EXCLUSIVE lets readers through), the tail of the log
   * since the bulk pass is applied, the live tables are made equal to the shadows and the shadows
   * are dropped — one commit.
   */
  private async swap(id: string, appliers: ProjectionApplier[], tables: Projection['tables'], from: { position: number; eventsApplied: number }) {
    await this.rebuilds.progress(id, { phase: 'swap', ...from });
    await this.store.transaction(async (tx) => {
      await tx.query(`SET LOCAL lock_timeout = ${LOCK_TIMEOUT_MS}`);
      await tx.query(`LOCK TABLE ${tables.map((t) => `"${t.name}"`).join(', ')} IN EXCLUSIVE MODE`);
      let { position, eventsApplied } = from;
      for (;;) {
        const tail = await readCommittedTail(tx, position, PAGE_SIZE);
        if (tail.events.length === 0) break;
        await applyAll(tx, appliers, tail.events);
        position = tail.lastPosition;
        eventsApplied += tail.events.length;
      }
      const changes = await mergeShadowTables(tx, tables);
      // Dropped in the commit that says `succeeded`: a rebuild started the moment that is visible
      // creates shadows of the same names, which a drop after the commit would take from under it.
      await dropShadowTables(tx, tables);
      await this.rebuilds.progress(id, { phase: 'swap', position, eventsApplied }, tx);
      await this.rebuilds.succeed(id, changes, tx);
    });
  }
}

async function applyAll(tx: SqlRunner, appliers: ProjectionApplier[], events: readonly ProjectedEvent[]): Promise<void> {
  for (const applier of appliers) await applier.apply(tx, events);
}

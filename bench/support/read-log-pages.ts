import type { Pool } from 'pg';
import { ratePerSecond } from './stats';

/** The rebuild's page size (ProjectionRebuilder's PAGE_SIZE): the raw read pages the same way. */
export const REBUILD_PAGE_SIZE = 5000;

const PAGE = {
  name: 'bench_read_page',
  text: `SELECT position, stream_id, stream_version, type, data, metadata, created_at, transaction_id::text AS xid
           FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
};

/**
 * pgReadCeiling: the whole events table read by position in pages of the rebuild's size, on one
 * connection, with the same columns the rebuild needs (pg parses the jsonb); rows/s.
 */
export async function readLogPages(db: Pool): Promise<{ rows: number; rowsPerSecond: number }> {
  const client = await db.connect();
  try {
    const startedAt = performance.now();
    let after = 0;
    let rows = 0;
    for (;;) {
      const page = await client.query<{ position: string }>({ ...PAGE, values: [after, REBUILD_PAGE_SIZE] });
      rows += page.rows.length;
      if (page.rows.length < REBUILD_PAGE_SIZE) break;
      after = Number(page.rows[page.rows.length - 1].position);
    }
    return { rows, rowsPerSecond: ratePerSecond(rows, performance.now() - startedAt) };
  } finally {
    client.release();
  }
}

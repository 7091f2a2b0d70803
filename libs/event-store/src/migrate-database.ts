import { type DataSource, MigrationExecutor } from 'typeorm';
import { assertSchemaName } from './create-retrace-data-source';

// Two-int4 advisory key space (objsubid 2), apart from the append gate's int8 keys.
const MIGRATION_LOCK_CLASS = 0x52545243; // 'RTRC'

/**
 * Creates the schema if missing and runs the DataSource's pending migrations in one transaction.
 * Idempotent, and safe when several processes start at once: they queue on an advisory lock per
 * schema and the later ones find nothing pending. Initializes the DataSource if needed.
 */
export async function migrateDatabase(dataSource: DataSource, schema: string): Promise<void> {
  assertSchemaName(schema);
  if (!dataSource.isInitialized) await dataSource.initialize();
  const queryRunner = dataSource.createQueryRunner('master');
  try {
    await queryRunner.query('SELECT pg_advisory_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schema]);
    try {
      await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'all';
      await executor.executePendingMigrations();
    } finally {
      await queryRunner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schema]);
    }
  } finally {
    await queryRunner.release();
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Appends check versions with the events' unique key (stream_id, stream_version) alone, so the
 * `streams` table, which every append also wrote, goes (see append-to-stream.ts). Down rebuilds it
 * from the log.
 */
export class DropStreams1767225800000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS streams`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE streams (
        stream_id text NOT NULL,
        version integer NOT NULL,
        CONSTRAINT streams_pkey PRIMARY KEY (stream_id),
        CONSTRAINT streams_version_check CHECK (version > 0)
      )`);
    await queryRunner.query(`INSERT INTO streams (stream_id, version) SELECT stream_id, max(stream_version) FROM events GROUP BY stream_id`);
  }
}

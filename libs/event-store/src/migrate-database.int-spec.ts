import { createTestSchema, type TestSchema } from '@retrace/testing';
import type { DataSource } from 'typeorm';
import { createRetraceDataSource } from './create-retrace-data-source';
import { EventStore } from './event-store';
import { migrateDatabase } from './migrate-database';
import { EVENT_STORE_MIGRATIONS } from './migrations';

describe(migrateDatabase.name, () => {
  let test: TestSchema;
  const dataSources: DataSource[] = [];
  const open = (): DataSource => {
    const dataSource = createRetraceDataSource({ url: test.url, schema: test.schema, migrations: EVENT_STORE_MIGRATIONS, poolSize: 2 });
    dataSources.push(dataSource);
    return dataSource;
  };

  beforeAll(async () => {
    test = await createTestSchema('migrate');
  });
  afterAll(async () => {
    await Promise.all(dataSources.filter((ds) => ds.isInitialized).map((ds) => ds.destroy()));
    await test?.drop();
  });

  it('creates the schema and the log when several processes start at once', async () => {
    const first = open();
    await first.initialize();
    await first.query(`DROP SCHEMA ${test.schema}`);

    await Promise.all([first, open(), open(), open()].map((ds) => migrateDatabase(ds, test.schema)));

    const applied = await first.query(`SELECT name FROM ${test.schema}.migrations`);
    expect(applied).toEqual([{ name: 'CreateEventLog1767225600000' }, { name: 'EventsSagaIndex1767225700000' }, { name: 'DropStreams1767225800000' }]);
    const [tables] = await first.query(
      `SELECT to_regclass($1) IS NOT NULL AS events, to_regclass($2) IS NOT NULL AS streams`,
      [`${test.schema}.events`, `${test.schema}.streams`],
    );
    expect(tables).toEqual({ events: true, streams: false }); // streams is gone since DropStreams1767225800000
  });

  it('does nothing when run again', async () => {
    const dataSource = open();
    await migrateDatabase(dataSource, test.schema);
    await migrateDatabase(dataSource, test.schema);

    expect(await dataSource.query(`SELECT count(*)::int AS n FROM ${test.schema}.migrations`)).toEqual([{ n: EVENT_STORE_MIGRATIONS.length }]);
  });

  it('gives every pooled connection the schema as search_path', async () => {
    const dataSource = open();
    await migrateDatabase(dataSource, test.schema);
    const store = new EventStore(dataSource);

    const schemas = await Promise.all([1, 2].map(() => store.transaction((tx) => tx.query<{ s: string }>('SELECT current_schema() AS s'))));
    expect(schemas.flat()).toEqual([{ s: test.schema }, { s: test.schema }]);
    await store.appendToStream('message-1', [{ type: 'A', data: {} }], 0);
    expect(await dataSource.query(`SELECT stream_id FROM ${test.schema}.events`)).toEqual([{ stream_id: 'message-1' }]);
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => createRetraceDataSource({ url: test.url, schema: 'x; DROP TABLE y', migrations: [] })).toThrow(/not a valid name/);
    expect(() => createRetraceDataSource({ url: test.url, schema: 'Upper', migrations: [] })).toThrow(RangeError);
  });
});

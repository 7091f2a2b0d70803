import { InvalidInputError } from '@retrace/domain';

/** `?version=` of GET /v1/sagas/{name}: absent for the latest, else a positive integer. */
export function parseSagaVersion(query: Record<string, unknown>): number | undefined {
  const raw = query.version;
  if (raw === undefined) return undefined;
  if (typeof raw === 'string' && /^[1-9][0-9]{0,9}$/.test(raw) && Number(raw) <= 2_147_483_647) return Number(raw);
  throw new InvalidInputError([
    { path: 'version', message: `must be a positive integer version number, or omitted for the latest (got ${JSON.stringify(raw)})` },
  ]);
}

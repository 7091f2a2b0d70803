import { field, IssueList, readArray, readObject, readString, REASON_RULE } from '@retrace/domain';

/** `{projections?: [names], reason}`; no `projections` means every registered one. */
export interface RebuildProjectionsRequest {
  projections: string[] | null;
  reason: string;
}

export function parseRebuildRequest(body: unknown): RebuildProjectionsRequest {
  const issues = new IssueList();
  const request = readObject(issues, body, '', { keys: ['projections', 'reason'], required: true });
  if (!request) return issues.result<RebuildProjectionsRequest>(undefined);
  const reason = readString(issues, field(request, 'reason'), 'reason', REASON_RULE);
  const list = readArray(issues, field(request, 'projections'), 'projections', { min: 1, max: 20, items: 'projection names' });
  const projections = list?.map((name, i) => readString(issues, name, `projections[${i}]`, { expected: 'a projection name', minLength: 1, maxLength: 64 }) ?? '');
  return issues.result(reason === undefined ? undefined : { reason, projections: projections ?? null });
}

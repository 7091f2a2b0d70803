import { planOperationItem, type MessageState, type OperationRequest } from '@retrace/domain';
import type { SqlRunner } from '@retrace/event-store';
import type { DryRunResult } from './create-operation.command';

const SAMPLE_SIZE = 20;
const BATCH = 1000;

const bump = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);

/** Plans every matched message with the domain's own decide; reads and changes nothing else. */
export async function dryRunOperation(sql: SqlRunner, request: OperationRequest, ids: string[]): Promise<DryRunResult> {
  const result: DryRunResult = { matched: ids.length, sample: [], plan: { act: 0, skip: {}, fail: {}, run: {}, compensate: {} } };
  for (let i = 0; i < ids.length; i += BATCH) {
    const rows = await sql.query<{ id: string; state: MessageState }>(
      `SELECT id, state FROM messages WHERE id = ANY($1::text[])`,
      [ids.slice(i, i + BATCH)],
    );
    const states = new Map(rows.map((r) => [r.id, r.state]));
    for (const id of ids.slice(i, i + BATCH)) {
      const state = states.get(id);
      if (!state) continue;
      const plan = planOperationItem(state, request.action, request.params);
      if (plan.acts) {
        result.plan.act++;
        plan.run.forEach((step) => bump(result.plan.run, step));
        plan.compensate.forEach((step) => bump(result.plan.compensate, step));
      } else {
        bump(plan.outcome === 'skipped' ? result.plan.skip : result.plan.fail, plan.outcome === 'skipped' ? `status ${state.status}` : plan.code);
      }
      if (result.sample.length < SAMPLE_SIZE) result.sample.push({ id, saga: state.saga, status: state.status, plan });
    }
  }
  return result;
}

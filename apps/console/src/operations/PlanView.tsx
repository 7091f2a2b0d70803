import type { DryRun, ItemPlan } from '../api/api-types';
import { StatusBadge } from '../components/StatusBadge';

const counts = (record: Record<string, number>): string => {
  const entries = Object.entries(record);
  return entries.length ? entries.map(([k, n]) => `${k} ${n}`).join(', ') : 'none';
};

const planText = (plan: ItemPlan): string => {
  if (!plan.acts) return `${plan.outcome}: ${plan.reason}`;
  const parts = [
    plan.run.length ? `run ${plan.run.join(', ')}` : '',
    plan.reuse.length ? `reuse ${plan.reuse.join(', ')}` : '',
    plan.compensate.length ? `compensate ${plan.compensate.join(', ')}` : '',
    plan.skipCompensation.length ? `skip ${plan.skipCompensation.join(', ')}` : '',
    plan.withdraw ? `withdraw ${plan.withdraw}` : '',
  ];
  return parts.filter((p) => p !== '').join('; ') || 'nothing to run';
};

/** The dry run's answer: how many match, what would happen in sum, and a sample item by item. */
export function PlanView({ dryRun }: { dryRun: DryRun }) {
  return (
    <div className="plan" aria-label="plan">
      <dl className="facts">
        <dt>Matched</dt>
        <dd data-testid="matched">{dryRun.matched}</dd>
        <dt>Would act on</dt>
        <dd>{dryRun.plan.act}</dd>
        <dt>Would skip</dt>
        <dd>{counts(dryRun.plan.skip)}</dd>
        <dt>Would fail</dt>
        <dd>{counts(dryRun.plan.fail)}</dd>
        <dt>Steps to run</dt>
        <dd>{counts(dryRun.plan.run)}</dd>
        <dt>To compensate</dt>
        <dd>{counts(dryRun.plan.compensate)}</dd>
      </dl>
      {dryRun.sample.length > 0 && (
        <table className="grid">
          <caption className="muted">
            sample ({dryRun.sample.length} of {dryRun.matched})
          </caption>
          <thead>
            <tr>
              <th>ID</th>
              <th>Saga</th>
              <th>Status</th>
              <th>Plan</th>
            </tr>
          </thead>
          <tbody>
            {dryRun.sample.map((item) => (
              <tr key={item.id}>
                <td className="mono">{item.id}</td>
                <td>{item.saga}</td>
                <td>
                  <StatusBadge status={item.status} />
                </td>
                <td>{planText(item.plan)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

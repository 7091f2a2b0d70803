import { useState } from 'react';
import { describeError } from '../api/api-error';
import type { DryRun } from '../api/api-types';
import { ErrorBox } from '../components/ErrorBox';
import { GuardedButton } from '../components/GuardedButton';
import { OperationProgress } from '../operations/OperationProgress';
import { OperationsList } from '../operations/OperationsList';
import { PlanView } from '../operations/PlanView';
import { draftFromSearch, toOperationRequest, type SelectorDraft } from '../operations/selector-draft';
import { SelectorForm } from '../operations/SelectorForm';
import { useSession } from '../session';

/**
 * Bulk operations: selector form → dry run with the plan → confirm (sent with `confirm` = the
 * count shown, so a selection that changed since is refused, 409) → live progress → result.
 */
export function OperationsPage({ search }: { search: URLSearchParams }) {
  const { api } = useSession();
  const [draft, setDraft] = useState<SelectorDraft>(() => draftFromSearch(search));
  const [dryRun, setDryRun] = useState<{ result: DryRun; draft: SelectorDraft } | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const call = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  const plan = () =>
    call(async () => {
      setRunning(null);
      setDryRun(null);
      setDryRun({ result: await api.dryRunOperation(toOperationRequest(draft)), draft });
    });
  const confirm = () =>
    call(async () => {
      if (!dryRun) return;
      const created = await api.createOperation({ ...toOperationRequest(dryRun.draft), confirm: dryRun.result.matched });
      setDryRun(null);
      setRunning(created.id);
    });

  return (
    <section>
      <div className="page-head">
        <h1>Bulk operations</h1>
      </div>
      <SelectorForm value={draft} onChange={setDraft} onDryRun={() => void plan()} busy={busy} />
      <ErrorBox error={error} />
      {dryRun && (
        <div className="card">
          <h2>Dry run: nothing has changed yet</h2>
          <PlanView dryRun={dryRun.result} />
          <div className="buttons">
            <button type="button" className="btn btn-plain" onClick={() => setDryRun(null)}>
              Discard
            </button>
            <GuardedButton kind="danger" onClick={() => void confirm()} blockedBecause={dryRun.result.matched === 0 ? 'nothing matches' : busy ? 'working…' : null}>
              {`Confirm: ${dryRun.draft.action} ${dryRun.result.matched} message(s)`}
            </GuardedButton>
          </div>
        </div>
      )}
      {running && <OperationProgress id={running} />}
      <h2>Recent operations</h2>
      <OperationsList refresh={running} />
    </section>
  );
}

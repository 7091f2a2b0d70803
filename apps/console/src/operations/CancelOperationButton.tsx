import { useState } from 'react';
import { describeError } from '../api/api-error';
import type { Operation } from '../api/api-types';
import { Dialog } from '../components/Dialog';
import { ErrorBox } from '../components/ErrorBox';
import { GuardedButton } from '../components/GuardedButton';
import { useSession } from '../session';

/** Cancel: no new item starts; the ones in flight finish. */
export function CancelOperationButton({ op, onDone }: { op: Operation; onDone: () => void }) {
  const { api } = useSession();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const running = op.status === 'running';
  const send = async () => {
    try {
      await api.cancelOperation(op.id, reason);
      setOpen(false);
      onDone();
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <>
      <GuardedButton onClick={() => setOpen(true)} blockedBecause={running ? null : `the operation is ${op.status}`}>
        Cancel
      </GuardedButton>
      {open && (
        <Dialog title={`Cancel operation ${op.id}?`} onClose={() => setOpen(false)}>
          <p className="consequence">
            No new item of this {op.action} starts; the {op.total - op.done} not yet done are left as they are. Items in flight finish.
          </p>
          <label>
            Reason
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <ErrorBox error={error} />
          <div className="buttons">
            <button type="button" className="btn btn-plain" onClick={() => setOpen(false)}>
              Keep it running
            </button>
            <button type="button" className="btn btn-danger" disabled={reason.trim() === ''} onClick={() => void send()}>
              Cancel operation
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}

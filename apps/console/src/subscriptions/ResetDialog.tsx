import { useState } from 'react';
import { describeError } from '../api/api-error';
import type { ResetResult, Subscription } from '../api/api-types';
import { Dialog } from '../components/Dialog';
import { ErrorBox } from '../components/ErrorBox';
import { useSession } from '../session';

/** Reset a subscription's position: a dry run first (what would be redelivered or skipped), then confirm. */
export function ResetDialog({ sub, onClose, onDone }: { sub: Subscription; onClose: () => void; onDone: () => void }) {
  const { api } = useSession();
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<ResetResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const to = /^\d+$/.test(target.trim()) ? { toPosition: Number(target.trim()) } : { toTime: target.trim() };
  const run = async (dryRun: boolean) => {
    setError(null);
    try {
      const result = await api.resetSubscription(sub.name, { ...to, reason, dryRun });
      if (dryRun) setPreview(result);
      else onDone();
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <Dialog title={`Reset ${sub.name}?`} onClose={onClose}>
      <p className="consequence">Moves the position the subscription consumes next; the batch in flight is dropped. Its consumers then get the events from there.</p>
      <label>
        To position (the next one consumed) or time (ISO)
        <input value={target} onChange={(e) => { setTarget(e.target.value); setPreview(null); }} placeholder="1200 or 2026-11-20T10:02:00Z" />
      </label>
      <label>
        Reason
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {preview && (
        <p className="plan-line">
          Position {preview.currentPosition} → {preview.newPosition}: {preview.eventsToRedeliver} event(s) delivered again, {preview.eventsToSkip} skipped.
        </p>
      )}
      <ErrorBox error={error} />
      <div className="buttons">
        <button type="button" className="btn btn-plain" onClick={onClose}>
          Close
        </button>
        <button type="button" className="btn btn-primary" disabled={!target.trim() || !reason.trim()} onClick={() => void run(true)}>
          Dry run
        </button>
        <button type="button" className="btn btn-danger" disabled={preview === null} onClick={() => void run(false)}>
          Confirm reset
        </button>
      </div>
    </Dialog>
  );
}

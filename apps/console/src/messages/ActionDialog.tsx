import { useState, type FormEvent } from 'react';
import { describeError } from '../api/api-error';
import type { Message } from '../api/api-types';
import { Dialog } from '../components/Dialog';
import { ErrorBox } from '../components/ErrorBox';
import { useSession } from '../session';
import { parsePatch } from './merge-patch';
import { consequenceOf, type MessageAction } from './message-actions';
import { ReplayFields, type ReplayOptions } from './ReplayFields';

/** Confirms one operator action on one message: says what will happen, asks a reason, sends it. */
export function ActionDialog({ action, message, onClose, onDone }: { action: MessageAction; message: Message; onClose: () => void; onDone: () => void }) {
  const { api } = useSession();
  const [reason, setReason] = useState('');
  const [force, setForce] = useState(false);
  const [replay, setReplay] = useState<ReplayOptions>({ mode: 'resume', fromStep: message.steps[0]?.name ?? '', force: false, patchText: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const patch = parsePatch(replay.patchText);

  const send = () => {
    switch (action) {
      case 'retract':
        return api.retract(message.id, reason);
      case 'cancel':
        return api.cancel(message.id, reason);
      case 'undo':
        return api.undo(message.id, reason, force);
      case 'replay':
        return api.replay(message.id, {
          reason,
          mode: replay.mode === 'restart' ? 'restart' : 'resume',
          ...(replay.mode === 'fromStep' ? { fromStep: replay.fromStep } : {}),
          ...(force ? { force } : {}),
          ...(patch.patch ? { patch: patch.patch } : {}),
        });
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await send();
      onDone();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`${action[0].toUpperCase()}${action.slice(1)} ${message.id}?`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <p className="consequence">{consequenceOf(action, message, { mode: replay.mode, fromStep: replay.fromStep, force })}</p>
        {action === 'replay' && <ReplayFields message={message} value={replay} onChange={setReplay} />}
        {(action === 'undo' || action === 'replay') && (
          <label className="check">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
            force {action === 'undo' ? '(skip irreversible steps)' : '(replay a COMPLETED message)'}
          </label>
        )}
        <label>
          Reason (recorded in the message's history)
          <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="why, for whoever reads the history" />
        </label>
        <ErrorBox error={error} />
        <div className="buttons">
          <button type="button" className="btn btn-plain" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={busy || reason.trim() === '' || patch.error !== undefined}>
            {action[0].toUpperCase() + action.slice(1)}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

import type { FormEvent } from 'react';
import { GuardedButton } from '../components/GuardedButton';
import { StatusChips } from '../messages/StatusChips';
import type { SelectorDraft } from './selector-draft';

/** What to do (action, mode, force, reason) to which messages (saga, status, time or position window). */
export function SelectorForm({ value, onChange, onDryRun, busy }: { value: SelectorDraft; onChange: (next: SelectorDraft) => void; onDryRun: () => void; busy: boolean }) {
  const set = <K extends keyof SelectorDraft>(key: K) => (v: SelectorDraft[K]) => onChange({ ...value, [key]: v });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onDryRun();
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="selector">
      <div className="row">
        <label>
          Action
          <select name="action" value={value.action} onChange={(e) => set('action')(e.target.value as SelectorDraft['action'])}>
            <option value="replay">replay</option>
            <option value="undo">undo</option>
            <option value="retract">retract</option>
          </select>
        </label>
        {value.action === 'replay' && (
          <label>
            Mode
            <select name="mode" value={value.mode} onChange={(e) => set('mode')(e.target.value as SelectorDraft['mode'])}>
              <option value="resume">resume</option>
              <option value="restart">restart</option>
            </select>
          </label>
        )}
        {value.action !== 'retract' && (
          <label className="check">
            <input type="checkbox" checked={value.force} onChange={(e) => set('force')(e.target.checked)} />
            force
          </label>
        )}
        <label>
          Saga
          <input name="saga" value={value.saga} onChange={(e) => set('saga')(e.target.value)} placeholder="any" size={14} />
        </label>
        <label>
          Max in flight
          <input name="maxInFlight" value={value.maxInFlight} onChange={(e) => set('maxInFlight')(e.target.value)} placeholder="default" size={7} />
        </label>
      </div>
      <StatusChips value={value.status} onChange={set('status')} />
      <div className="row">
        <label>
          Accepted from
          <input name="from" value={value.from} onChange={(e) => set('from')(e.target.value)} placeholder="2026-11-20T10:02:00Z" size={24} />
        </label>
        <label>
          to
          <input name="to" value={value.to} onChange={(e) => set('to')(e.target.value)} placeholder="2026-11-20T10:17:00Z" size={24} />
        </label>
        <span className="muted">or positions</span>
        <label>
          from
          <input name="fromPosition" value={value.fromPosition} onChange={(e) => set('fromPosition')(e.target.value)} size={8} />
        </label>
        <label>
          to
          <input name="toPosition" value={value.toPosition} onChange={(e) => set('toPosition')(e.target.value)} size={8} />
        </label>
      </div>
      <div className="row">
        <label className="grow">
          Reason
          <input name="reason" value={value.reason} onChange={(e) => set('reason')(e.target.value)} placeholder="recorded on every message it touches" />
        </label>
        <GuardedButton kind="primary" onClick={onDryRun} blockedBecause={busy ? 'working…' : null}>
          Dry run
        </GuardedButton>
      </div>
    </form>
  );
}

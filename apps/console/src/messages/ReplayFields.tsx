import type { Message } from '../api/api-types';
import { applyMergePatch, parsePatch } from './merge-patch';

export interface ReplayOptions {
  mode: 'resume' | 'restart' | 'fromStep';
  fromStep: string;
  force: boolean;
  patchText: string;
}

/** Mode, starting step and a JSON Merge Patch of the payload, with the payload it would give. */
export function ReplayFields({ message, value, onChange }: { message: Message; value: ReplayOptions; onChange: (next: ReplayOptions) => void }) {
  const parsed = parsePatch(value.patchText);
  const preview = parsed.patch ? applyMergePatch(message.payload, parsed.patch) : message.payload;
  return (
    <>
      <div className="row">
        <label>
          Mode
          <select value={value.mode} onChange={(e) => onChange({ ...value, mode: e.target.value as ReplayOptions['mode'] })}>
            <option value="resume">resume: from the first step not in place</option>
            <option value="restart">restart: every step</option>
            <option value="fromStep">from a step</option>
          </select>
        </label>
        {value.mode === 'fromStep' && (
          <label>
            Step
            <select value={value.fromStep} onChange={(e) => onChange({ ...value, fromStep: e.target.value })}>
              {message.steps.map((s) => (
                <option key={s.name}>{s.name}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="patch">
        <label>
          Payload patch (JSON Merge Patch; null removes a key)
          <textarea rows={5} value={value.patchText} onChange={(e) => onChange({ ...value, patchText: e.target.value })} placeholder='{"card": null, "qty": 2}' />
        </label>
        <div>
          <span className="muted">payload of the new run</span>
          <pre className="json">{JSON.stringify(preview, null, 2)}</pre>
        </div>
      </div>
      {parsed.error && <div className="error">patch: {parsed.error}</div>}
    </>
  );
}

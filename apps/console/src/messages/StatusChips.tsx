import { MESSAGE_STATUSES } from '@retrace/domain/message/message-status';

/** One checkbox per message status; none checked means any status. */
export function StatusChips({ value, onChange }: { value: string[]; onChange: (next: string[]) => void }) {
  const toggle = (status: string) => onChange(value.includes(status) ? value.filter((s) => s !== status) : [...value, status]);
  return (
    <div className="chips" role="group" aria-label="status">
      {MESSAGE_STATUSES.map((status) => (
        <label key={status} className={value.includes(status) ? `chip on badge-${status.toLowerCase()}` : 'chip'}>
          <input type="checkbox" checked={value.includes(status)} onChange={() => toggle(status)} />
          {status}
        </label>
      ))}
    </div>
  );
}

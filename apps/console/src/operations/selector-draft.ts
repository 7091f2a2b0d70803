import type { OperationRequest } from '../api/api-types';

/** The bulk form as typed; turned into the API's request by {@link toOperationRequest}. */
export interface SelectorDraft {
  action: 'replay' | 'undo' | 'retract';
  mode: 'resume' | 'restart';
  force: boolean;
  saga: string;
  status: string[];
  from: string;
  to: string;
  fromPosition: string;
  toPosition: string;
  maxInFlight: string;
  reason: string;
}

/** A draft prefilled from the messages page's filters (`?saga=&status=&from=&to=`). */
export const draftFromSearch = (search: URLSearchParams): SelectorDraft => ({
  action: 'replay',
  mode: 'resume',
  force: false,
  saga: search.get('saga') ?? '',
  status: (search.get('status') ?? '').split(',').filter((s) => s !== ''),
  from: search.get('from') ?? '',
  to: search.get('to') ?? '',
  fromPosition: '',
  toPosition: '',
  maxInFlight: '',
  reason: '',
});

const int = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text.trim()));

/** Only what was filled in is sent; the server says what is wrong with it (field and why). */
export function toOperationRequest(d: SelectorDraft): OperationRequest {
  return {
    action: d.action,
    reason: d.reason,
    selector: {
      ...(d.saga ? { saga: d.saga } : {}),
      ...(d.status.length ? { status: d.status } : {}),
      ...(d.from.trim() ? { from: d.from.trim() } : {}),
      ...(d.to.trim() ? { to: d.to.trim() } : {}),
      ...(int(d.fromPosition) !== undefined ? { fromPosition: int(d.fromPosition) } : {}),
      ...(int(d.toPosition) !== undefined ? { toPosition: int(d.toPosition) } : {}),
    },
    ...(d.action === 'replay' ? { mode: d.mode } : {}),
    ...(d.action !== 'retract' && d.force ? { force: true } : {}),
    ...(int(d.maxInFlight) !== undefined ? { maxInFlight: int(d.maxInFlight) } : {}),
  };
}

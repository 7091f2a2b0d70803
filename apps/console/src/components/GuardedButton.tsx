import type { ReactNode } from 'react';
import { readOnlyReason, useSession } from '../session';

interface GuardedButtonProps {
  onClick: () => void;
  children: ReactNode;
  /** Why it cannot be used now, besides the caller's role (shown as the tooltip). */
  blockedBecause?: string | null;
  kind?: 'primary' | 'danger' | 'plain';
  /** The tooltip while it is enabled. */
  hint?: string | null;
}

/**
 * A button for something that changes state: disabled, with a tooltip saying why, for keys that
 * may not change anything (viewers).
 */
export function GuardedButton({ onClick, children, blockedBecause, kind = 'plain', hint }: GuardedButtonProps) {
  const { me } = useSession();
  const why = readOnlyReason(me) ?? blockedBecause ?? null;
  return (
    <button type="button" className={`btn btn-${kind}`} disabled={why !== null} title={why ?? hint ?? undefined} onClick={onClick}>
      {children}
    </button>
  );
}

import { createContext, useContext } from 'react';
import type { ApiClient } from './api/api-client';
import type { Me } from './api/api-types';

export interface Session {
  api: ApiClient;
  me: Me;
  logout: () => void;
}

export const SessionContext = createContext<Session | null>(null);

/** The logged-in session; only rendered under {@link SessionContext}'s provider. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside a logged-in console');
  return session;
}

/** Why the caller may not change anything, or null when it may (an operator, or no keys at all). */
export function readOnlyReason(me: Me): string | null {
  if (me.role === 'operator') return null;
  return `"${me.name}" is a ${me.role} key: ${me.role} keys are read-only; log in with an operator key to act`;
}

import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiClient } from './api/api-client';
import { ApiError, describeError } from './api/api-error';
import type { Me } from './api/api-types';
import { clearSessionKey, readSessionKey, writeSessionKey } from './api/session-key';
import { Layout } from './components/Layout';
import { LoginPage } from './pages/LoginPage';
import { Routes } from './Routes';
import { SessionContext, type Session } from './session';

type State = { phase: 'checking' } | { phase: 'login'; error: string | null } | { phase: 'in'; key: string | null; me: Me };

/**
 * Asks the server who the stored key is (`GET /v1/me`). Without keys on the server that answers
 * for anyone, so there is no login; otherwise a 401 shows the login page.
 */
export function App() {
  const [state, setState] = useState<State>({ phase: 'checking' });

  const tryKey = useCallback(async (key: string | null) => {
    try {
      const me = await new ApiClient(key).me();
      if (key) writeSessionKey(key);
      setState({ phase: 'in', key, me });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        clearSessionKey();
        setState({ phase: 'login', error: key ? `That key was refused: ${error.message}` : null });
      } else {
        setState({ phase: 'login', error: describeError(error) });
      }
    }
  }, []);

  useEffect(() => {
    void tryKey(readSessionKey());
  }, [tryKey]);

  const session = useMemo<Session | null>(() => {
    if (state.phase !== 'in') return null;
    return {
      api: new ApiClient(state.key),
      me: state.me,
      logout: () => {
        clearSessionKey();
        setState({ phase: 'login', error: null });
      },
    };
  }, [state]);

  if (state.phase === 'checking') return <div className="center muted">Connecting…</div>;
  if (state.phase === 'login' || session === null) return <LoginPage error={state.phase === 'login' ? state.error : null} onSubmit={tryKey} />;
  return (
    <SessionContext.Provider value={session}>
      <Layout>
        <Routes />
      </Layout>
    </SessionContext.Provider>
  );
}

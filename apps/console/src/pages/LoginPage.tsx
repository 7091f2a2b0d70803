import { useState, type FormEvent } from 'react';
import { ErrorBox } from '../components/ErrorBox';

/** Asks for an API key; it is kept in this tab's sessionStorage only. */
export function LoginPage({ error, onSubmit }: { error: string | null; onSubmit: (key: string) => Promise<void> }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    await onSubmit(key.trim());
    setBusy(false);
  };
  return (
    <form className="login" onSubmit={(e) => void submit(e)}>
      <h1>Retrace console</h1>
      <label>
        API key
        <input type="password" name="apiKey" autoFocus value={key} onChange={(e) => setKey(e.target.value)} placeholder="an operator or viewer key" />
      </label>
      <p className="muted">The key stays in this browser tab (session storage) and is sent as a Bearer token.</p>
      <ErrorBox error={error} />
      <button type="submit" className="btn btn-primary" disabled={busy || key.trim() === ''}>
        Log in
      </button>
    </form>
  );
}

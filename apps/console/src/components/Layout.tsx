import type { ReactNode } from 'react';
import { useLocation } from '../router';
import { useSession } from '../session';
import { Link } from './Link';

const NAV: Array<[string, string]> = [
  ['/', 'Messages'],
  ['/operations', 'Bulk operations'],
  ['/subscriptions', 'Subscriptions'],
  ['/sagas', 'Sagas'],
  ['/stats', 'Transitions'],
];

/** The top bar (pages, who is logged in) over the page. */
export function Layout({ children }: { children: ReactNode }) {
  const { me, logout } = useSession();
  const { path } = useLocation();
  const active = (to: string) => (to === '/' ? path === '/' || path.startsWith('/messages') : path.startsWith(to));
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Retrace</span>
        <nav>
          {NAV.map(([to, label]) => (
            <Link key={to} to={to} className={active(to) ? 'nav active' : 'nav'}>
              {label}
            </Link>
          ))}
        </nav>
        <span className="who" title={me.authentication ? `role ${me.role}` : 'the server runs without API keys (loopback only)'}>
          {me.authentication ? `${me.name} · ${me.role}` : 'no authentication'}
          {me.authentication && (
            <button type="button" className="btn btn-plain btn-small" onClick={logout}>
              Log out
            </button>
          )}
        </span>
      </header>
      <main>{children}</main>
    </div>
  );
}

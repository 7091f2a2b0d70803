import { useEffect, useState } from 'react';

/** Where the console is served (vite's `base`). */
export const BASE = '/admin';
const CHANGE = 'retrace:navigate';

export interface Location {
  /** The path under {@link BASE}, starting with `/`. */
  path: string;
  search: URLSearchParams;
}

const current = (): Location => {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : window.location.pathname;
  return { path: path === '' ? '/' : path, search: new URLSearchParams(window.location.search) };
};

/** Goes to a console path (`/messages/order-1`, `/?status=FAILED`) without reloading. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = `${BASE}${to.startsWith('/') ? to : `/${to}`}`;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(CHANGE));
}

/** The current location, re-rendering on navigation and on back/forward. */
export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => setLocation(current());
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return location;
}

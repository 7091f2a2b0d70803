import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** Paths under `/admin` that belong to someone else (Bull Board at `/admin/queues`). */
const NOT_OURS = /^\/queues(?:\/|$)/;

/**
 * Serves the built web console, to be mounted at `/admin`: its files, and `index.html` for every
 * other GET without a file extension (a client route such as `/admin/messages/order-1`). The files
 * hold no secrets, so they are public; every API call the console makes carries the operator's key.
 * Until the console is built, `/admin` answers 503 saying how to build it.
 */
export function serveConsole(dir: string): RequestHandler {
  const index = join(dir, 'index.html');
  const files = express.static(dir, {
    index: false,
    // `/admin` itself is the console, not a folder to redirect to `/admin/`.
    redirect: false,
    fallthrough: true,
    // Vite names assets by content hash: a new build gets new names.
    setHeaders: (res, path) => res.setHeader('Cache-Control', path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  const sendIndex = (res: Response) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if (NOT_OURS.test(req.path) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send(`The Retrace console is not built (no ${index}): run \`npm run build:console\`, or set RETRACE_CONSOLE_DIR to a built console.\n`);
      return;
    }
    files(req, res, () => {
      if (extname(req.path) !== '') {
        res.status(404).type('text/plain').send(`No console file ${req.path}\n`);
        return;
      }
      sendIndex(res);
    });
  };
}

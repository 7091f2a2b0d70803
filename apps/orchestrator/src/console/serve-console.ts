import { existsSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where the console is mounted. Bull Board's `/admin/queues` is a more specific route, so it wins. */
const CONSOLE_PATH = '/admin';

/**
 * Serves the built web console at `/admin`: its files, and `index.html` for every other GET without a
 * file extension (a client route such as `/admin/messages/order-1`). The files hold no secrets, so
 * they are public; every API call the console makes carries the operator's key. Until the console is
 * built, `/admin` answers 503 saying how to build it. Files are looked up per request, so a console
 * built while the orchestrator runs is served at once.
 */
export function serveConsole(fastify: FastifyInstance, dir: string): void {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  const answer = async (req: FastifyRequest<{ Params: { '*'?: string } }>, reply: FastifyReply) => {
    if (!existsSync(index)) {
      return reply
        .status(503)
        .type('text/plain')
        .send(`The Retrace console is not built (no ${index}): run \`npm run build:console\`, or set RETRACE_CONSOLE_DIR to a built console.\n`);
    }
    const file = req.params['*'] ?? '';
    if (file !== '' && isFileUnder(root, file)) return reply.sendFile(file);
    if (extname(file) !== '') return reply.status(404).type('text/plain').send(`No console file /${file}\n`);
    return reply.sendFile('index.html');
  };
  // A plugin of its own: Bull Board registers @fastify/static too, and each keeps its `sendFile`.
  void fastify.register(async (scope) => {
    await scope.register(fastifyStatic, {
      root,
      serve: false,
      index: false,
      // Vite names assets by content hash: a new build gets new names.
      setHeaders: (reply, path) => {
        reply.header('Cache-Control', path.startsWith(join(root, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    scope.get(CONSOLE_PATH, answer);
    scope.get(`${CONSOLE_PATH}/*`, answer);
  });
}

/** Whether `file` (a request path under the root, not decoded further) names a file inside `root`. */
function isFileUnder(root: string, file: string): boolean {
  const path = resolve(root, file);
  if (!path.startsWith(root + sep)) return false;
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

import { basename, join, resolve } from 'node:path';

/**
 * Where the built web console is: `RETRACE_CONSOLE_DIR` when set, else `dist/console` of this
 * checkout, found from this file both when it runs compiled (`dist/apps/orchestrator/src/console`,
 * as `npm start` does) and from source (`apps/orchestrator/src/console`, as the tests do).
 */
export function consoleDirOf(configured: string | undefined, here: string = __dirname): string {
  if (configured !== undefined) return resolve(configured);
  const root = resolve(here, '..', '..', '..', '..');
  return basename(root) === 'dist' ? join(root, 'console') : join(root, 'dist', 'console');
}

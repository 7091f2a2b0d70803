import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '..', '..', '..');

export interface BuiltConsole {
  dir: string;
  remove(): Promise<void>;
}

/**
 * Builds the web console from its sources with vite into a fresh temporary folder, so a browser
 * test runs what the sources say on a fresh clone (no `npm run build` needed before it).
 */
export async function buildConsole(): Promise<BuiltConsole> {
  const dir = await mkdtemp(join(tmpdir(), 'retrace-console-'));
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  try {
    await promisify(execFile)(process.execPath, [vite, 'build', '--config', join(ROOT, 'apps/console/vite.config.mjs'), '--outDir', dir, '--emptyOutDir'], {
      cwd: ROOT,
      timeout: 120_000,
    });
  } catch (error) {
    const e = error as Error & { stderr?: string; stdout?: string };
    throw new Error(`vite could not build apps/console: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: error });
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

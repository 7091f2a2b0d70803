import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { waitFor } from './wait-for';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Compiles the orchestrator into a folder of its own inside the repo (so `node_modules` resolves),
 * for tests that need it as a real process they can SIGKILL. `remove()` deletes the build.
 */
export async function buildOrchestrator(): Promise<{ main: string; remove(): Promise<void> }> {
  const outDir = join(ROOT, '.retrace', `test-build-${randomBytes(4).toString('hex')}`);
  const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
  await run(bin('tsc'), ['-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: ROOT });
  await run(bin('tsc-alias'), ['-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: ROOT });
  return { main: join(outDir, 'apps', 'orchestrator', 'src', 'main.js'), remove: () => rm(outDir, { recursive: true, force: true }) };
}

export interface OrchestratorProcess {
  url: string;
  child: ChildProcess;
  /** What it printed, for a failing test to show. */
  output(): string;
  /** Sends the signal and waits for the process to end. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

/** Starts `node <main>` with `env` on a free port and waits until /health answers 200. */
export async function spawnOrchestrator(main: string, env: Record<string, string>): Promise<OrchestratorProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: '127.0.0.1', RETRACE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`orchestrator exited with ${child.exitCode}: ${output}`);
      const res = await fetch(`${url}/health`).catch(() => null);
      return res?.status === 200;
    }, `the orchestrator on ${url} to be healthy`, 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    child,
    output: () => output,
    stop: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

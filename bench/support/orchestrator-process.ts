import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { BenchContext } from './bench-context';
import { pollUntil } from './concurrency';
import { processCpuMs } from './process-cpu';

/** The orchestrator compiled by `npm run bench` next to the bench (dist/bench-build). */
const ORCHESTRATOR_MAIN = join(__dirname, '..', '..', 'apps', 'orchestrator', 'src', 'main.js');
const OUTPUT_KEPT = 20_000;

/** A real orchestrator process on a free loopback port. */
export interface Orchestrator {
  url: string;
  pid: number;
  /** What it printed lately (warnings and errors at RETRACE_LOG_LEVEL=warn). */
  output(): string;
  /** The peak resident set size since start or the last reset (VmHWM), in MB. */
  peakRssMb(): Promise<number>;
  /** CPU time (user + system) the process has used so far, in ms. */
  cpuMs(): Promise<number>;
  /** Makes the peak start again from the current RSS (writes 5 to /proc/<pid>/clear_refs). */
  resetPeakRss(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the orchestrator on `schema` and Redis `prefix` (no API keys: loopback only; no rate limit,
 * which would throttle the bench's publishers) and waits until /health answers 200.
 */
export async function startOrchestrator(ctx: BenchContext, schema: string, prefix: string): Promise<Orchestrator> {
  if (!existsSync(ORCHESTRATOR_MAIN)) throw new Error(`no orchestrator build at ${ORCHESTRATOR_MAIN}; run the bench with \`npm run bench\`, which builds it`);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [ORCHESTRATOR_MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: ctx.databaseUrl,
      REDIS_URL: ctx.redisUrl,
      RETRACE_DB_SCHEMA: schema,
      RETRACE_QUEUE_PREFIX: prefix,
      RETRACE_LOG_LEVEL: 'warn',
      RETRACE_LOG_FORMAT: 'json',
      RETRACE_RATE_LIMIT: '0',
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-OUTPUT_KEPT));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // If the bench itself dies, its orchestrator must not live on.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve(void process.off('exit', killOnExit))));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
  };
  ctx.defer(`stop the orchestrator on ${url}`, stop);
  await pollUntil(
    async () => {
      if (child.exitCode !== null) throw new Error(`the orchestrator exited with ${child.exitCode}: ${output}`);
      const res = await fetch(`${url}/health`).catch(() => null);
      return res?.status === 200 ? true : undefined;
    },
    `the orchestrator on ${url} to answer /health`,
    60_000,
    100,
  ).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output}`);
  });
  const statusFile = `/proc/${child.pid}/status`;
  return {
    url,
    pid: child.pid!,
    output: () => output,
    peakRssMb: async () => {
      const kb = /VmHWM:\s+(\d+) kB/.exec(await readFile(statusFile, 'utf8'))?.[1];
      if (kb === undefined) throw new Error(`no VmHWM in ${statusFile}`);
      return Number(kb) / 1024;
    },
    cpuMs: async () => {
      const ms = await processCpuMs(child.pid!);
      if (ms === null) throw new Error(`the orchestrator (pid ${child.pid}) is gone: ${output}`);
      return ms;
    },
    resetPeakRss: () => writeFile(`/proc/${child.pid}/clear_refs`, '5'),
    stop,
  };
}

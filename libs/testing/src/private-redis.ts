import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A `redis-server` of one test's own, which the test may kill and bring back. */
export interface PrivateRedis {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** SIGKILLs the server (no shutdown, no save) and resolves once the process has exited. */
  kill(): Promise<void>;
  /** Starts a new, empty server on the same port; resolves when it answers PING. */
  restart(): Promise<void>;
  /** Stops the server if it runs and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

export interface PrivateRedisOptions {
  /** The binary to run (default `redis-server` on PATH). */
  bin?: string;
  /** How long to wait for the server to answer PING (default 10 s). */
  readyTimeoutMs?: number;
}

/**
 * Starts a private `redis-server` on a free loopback port, with nothing persisted (`--save ""
 * --appendonly no`) and its own directory under the OS temp dir, so a test can SIGKILL it and
 * restart it empty — what losing a Redis node without persistence looks like to its clients.
 * Always `stop()` it in afterAll; a process exit kills it too.
 */
export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const bin = options.bin ?? 'redis-server';
  const readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
  const dir = mkdtempSync(join(tmpdir(), 'retrace-redis-'));
  let child: ChildProcess | null = null;
  let port = 0;

  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const launch = async (): Promise<void> => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
    args.push('--daemonize', 'no', '--loglevel', 'warning');
    const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    const exited = new Promise<string>((resolve) => {
      proc.once('error', (error) => resolve(`could not run ${bin}: ${error.message}`));
      proc.once('exit', (code, signal) => resolve(`${bin} exited (${signal ?? `code ${code}`}): ${output.trim()}`));
    });
    child = proc;
    const ready = await Promise.race([waitForPing(port, readyTimeoutMs), exited.then((why) => why)]);
    if (ready !== true) {
      proc.kill('SIGKILL');
      child = null;
      throw new Error(typeof ready === 'string' ? ready : `${bin} on port ${port} did not answer PING within ${readyTimeoutMs} ms: ${output.trim()}`);
    }
  };

  const killChild = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(signal);
    await gone;
  };

  // Another process may take the free port between probing and binding it: try a few.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (error) {
      if (attempt >= 3) {
        process.removeListener('exit', killOnExit);
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: () => killChild('SIGKILL'),
    restart: async () => {
      await killChild('SIGKILL');
      await launch();
    },
    stop: async () => {
      await killChild('SIGTERM');
      process.removeListener('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** true once a raw `PING` on the port answers `+PONG`; false after `timeoutMs`. */
async function waitForPing(port: number, timeoutMs: number): Promise<true | false> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await pingOnce(port)) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

import { createInterface } from 'node:readline/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** What a command may touch outside itself, so tests can run commands without a process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Writes without a newline (progress redraws). */
  write(text: string): void;
  /** Whether stdout is a terminal (redraw progress, colour-free tables either way). */
  stdoutIsTTY: boolean;
  /** Whether stdin is a terminal someone can answer a question on. */
  stdinIsTTY: boolean;
  ask(question: string): Promise<string>;
  sleep(ms: number): Promise<void>;
  readFile(path: string): Promise<string>;
  env: NodeJS.ProcessEnv;
}

export function processIo(readFile: (path: string) => Promise<string>): Io {
  return {
    out: (text) => void process.stdout.write(`${text}\n`),
    err: (text) => void process.stderr.write(`${text}\n`),
    write: (text) => void process.stdout.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    ask: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
    sleep: async (ms) => {
      await sleep(ms);
    },
    readFile,
    env: process.env,
  };
}

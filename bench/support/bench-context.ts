import { randomBytes } from 'node:crypto';
import type { WorkloadSizes } from './workload-sizes';

/** Where the bench runs and what it leaves behind to clean up. */
export interface BenchContext {
  databaseUrl: string;
  redisUrl: string;
  quick: boolean;
  rounds: number;
  sizes: WorkloadSizes;
  /** Short random tag in every schema, key prefix and id this run creates. */
  runTag: string;
  /** Registers cleanup; run in reverse order at the end, also after a failure or Ctrl-C. */
  defer(what: string, cleanup: () => Promise<unknown>): void;
  /** Progress line on stderr, so stdout stays the table. */
  log(line: string): void;
  /** A note that goes into the JSON (e.g. a smaller workload under --quick). */
  note(line: string): void;
}

export interface Cleanups {
  defer: BenchContext['defer'];
  /** Runs every registered cleanup (newest first), reporting failures without stopping. */
  runAll(log: (line: string) => void): Promise<void>;
}

export function createCleanups(): Cleanups {
  const stack: { what: string; cleanup: () => Promise<unknown> }[] = [];
  return {
    defer: (what, cleanup) => void stack.push({ what, cleanup }),
    runAll: async (log) => {
      while (stack.length > 0) {
        const { what, cleanup } = stack.pop()!;
        await cleanup().catch((error: unknown) => log(`cleanup: could not ${what}: ${error instanceof Error ? error.message : String(error)}`));
      }
    },
  };
}

export const newRunTag = (): string => randomBytes(4).toString('hex');

import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import type { FigureGroup, GroupRounds } from './figures/figure-group';
import { measureInsertFigures } from './figures/insert-figures';
import { measureLatency } from './figures/latency';
import { measureLogFigures } from './figures/log-figures';
import { measureReplayRate } from './figures/replay-rate';
import { measureThroughputFigures } from './figures/throughput-figures';
import { type BenchContext, createCleanups, newRunTag } from './support/bench-context';
import { type BenchResults, type FigureResult, machineBasics } from './support/bench-results';
import { FIGURES, type FigureName, GROUP_ORDER, type GroupName } from './support/figures-catalog';
import { formatResults } from './support/format-table';
import { BenchUsageError, parseBenchArgs, USAGE } from './support/parse-bench-args';
import { serverVersion } from './support/postgres';
import { redisVersion } from './support/redis';
import { summarize } from './support/stats';
import { evaluateTargets } from './support/targets';
import { sizesFor } from './support/workload-sizes';

const GROUPS: Record<GroupName, FigureGroup> = {
  insert: measureInsertFigures,
  throughput: measureThroughputFigures,
  latency: measureLatency,
  replay: measureReplayRate,
  log: measureLogFigures,
};

/** bench/results/latest.json in the repository (this file runs from dist/bench-build/bench). */
const RESULTS_FILE = join(__dirname, '..', '..', '..', 'bench', 'results', 'latest.json');

async function main(): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    console.error(error.message);
    return 2;
  }
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  const startedAt = Date.now();
  const loadAtStart = loadavg();
  const notes: string[] = [];
  const cleanups = createCleanups();
  const log = (line: string) => console.error(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  const ctx: BenchContext = {
    databaseUrl: process.env.BENCH_DATABASE_URL ?? process.env.RETRACE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    redisUrl: process.env.BENCH_REDIS_URL ?? process.env.RETRACE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    quick: args.quick,
    rounds: args.rounds,
    sizes: sizesFor(args.quick),
    runTag: newRunTag(),
    defer: cleanups.defer,
    log,
    note: (line) => notes.push(line),
  };
  process.once('SIGINT', () => {
    log('interrupted: cleaning up (schemas, Redis keys, processes)');
    void cleanups.runAll(log).finally(() => process.exit(130));
  });
  process.once('uncaughtException', (error) => {
    log(`bench failed: ${error.stack ?? error.message}; cleaning up`);
    void cleanups.runAll(log).finally(() => process.exit(1));
  });

  if (args.quick) notes.push('--quick: smaller workloads than a full run (see sizes); figures are noisier and scale1M runs on a smaller log');
  const [postgres, redis] = await Promise.all([serverVersion(ctx.databaseUrl), redisVersion(ctx.redisUrl)]);
  log(`run ${ctx.runTag}: ${args.quick ? 'quick' : 'full'}, ${args.rounds} rounds, PostgreSQL ${postgres}, Redis ${redis}`);
  const rounds: GroupRounds = {};
  let failedGroups = 0;
  for (const group of GROUP_ORDER) {
    const selected = new Set([...args.only].filter((name) => FIGURES[name].group === group));
    if (selected.size === 0) continue;
    const groupStart = Date.now();
    log(`${group}: measuring ${[...selected].join(', ')}`);
    try {
      Object.assign(rounds, await GROUPS[group](ctx, selected));
    } catch (error) {
      failedGroups++;
      const message = error instanceof Error ? error.message : String(error);
      log(`${group} FAILED: ${message}`);
      notes.push(`${group} failed: ${message.slice(0, 2000)}`);
    } finally {
      await cleanups.runAll(log);
    }
    log(`${group}: done in ${((Date.now() - groupStart) / 1000).toFixed(1)} s`);
  }

  const figures: Partial<Record<FigureName, FigureResult>> = {};
  for (const [name, values] of Object.entries(rounds) as [FigureName, number[]][]) {
    if (values.length > 0) figures[name] = { ...summarize(values), unit: FIGURES[name].unit, rounds: values.map((v) => Number(v.toFixed(3))) };
  }
  const medians = Object.fromEntries(Object.entries(figures).map(([name, f]) => [name, f.median]));
  const targets = evaluateTargets(medians);
  const basics = machineBasics();
  const results: BenchResults = {
    date: new Date(startedAt).toISOString(),
    quick: args.quick,
    roundsPerFigure: args.rounds,
    sizes: ctx.sizes,
    durationSeconds: Math.round((Date.now() - startedAt) / 1000),
    machine: { node: process.version, postgres, redis, cpus: basics.cpus, cpuModel: basics.cpuModel, loadAverageAtStart: loadAtStart.map((l) => Number(l.toFixed(2))), loadAverageAtEnd: basics.loadAverage },
    figures,
    targets,
    notes,
  };
  console.log(formatResults(figures, targets));
  if (notes.length > 0) console.log(`\nnotes:\n${notes.map((n) => `- ${n}`).join('\n')}`);
  await mkdir(dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${RESULTS_FILE} (${results.durationSeconds} s in all)`);
  return failedGroups > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);

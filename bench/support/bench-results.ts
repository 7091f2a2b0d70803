import { cpus, loadavg } from 'node:os';
import type { FigureName } from './figures-catalog';
import type { TargetResult } from './targets';
import type { WorkloadSizes } from './workload-sizes';

/** One figure in latest.json: the median of its rounds, min and max, and every round. */
export interface FigureResult {
  median: number;
  min: number;
  max: number;
  unit: string;
  rounds: number[];
}

/** What bench/results/latest.json holds. */
export interface BenchResults {
  date: string;
  quick: boolean;
  roundsPerFigure: number;
  /** The workloads used (smaller under --quick). */
  sizes: WorkloadSizes;
  durationSeconds: number;
  machine: { node: string; postgres: string; redis: string; cpus: number; cpuModel: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  figures: Partial<Record<FigureName, FigureResult>>;
  targets: TargetResult[];
  /** What was smaller under --quick, what failed, what to keep in mind reading the figures. */
  notes: string[];
}

export const machineBasics = () => ({ cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', loadAverage: loadavg().map((l) => Number(l.toFixed(2))) });

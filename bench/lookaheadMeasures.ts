import type { EncodedDataset } from '../src/data/types.js';
import { useKernels } from '../src/proxy/kernels/kernelModule.js';
import type { LookaheadProfile } from '../src/proxy/kernels/kernelLookahead.js';
import { trainLookahead } from '../src/proxy/lookahead.js';
import { epochsOf } from '../src/proxy/schedule.js';
import { trainRuns } from '../src/proxy/trainRuns.js';
import type { ProxySettings, RunSpec } from '../src/proxy/types.js';

/** The product's default proxy settings (docs/proxy-training.md, "Proxy settings") on the reference model. */
export const defaultSettings: ProxySettings = Object.freeze({
  rows: 20000,
  epochs: 4,
  minSteps: 200,
  batchSize: 256,
  learningRate: 0.003,
  bottom: [128, 64],
  tower: [32],
}) as ProxySettings;

export type Kernels = 'native' | 'wasm';

/** Rows, settings, task counts, intervals and seeds of each part: the benchmark's, or a smoke run's few. */
export function lookaheadWorkload(smoke: boolean) {
  if (smoke)
    return {
      trainRows: 2048,
      valRows: 512,
      settings: { ...defaultSettings, epochs: 2, minSteps: 0 },
      costTasks: [4],
      scaleTasks: [4, 8],
      intervals: [1, 5],
      seeds: [1, 2],
      examples: false,
      plantedRows: 1000,
    };
  return {
    trainRows: 40000,
    valRows: 10000,
    settings: defaultSettings,
    costTasks: [8, 20, 60],
    scaleTasks: [20, 60, 200],
    intervals: [1, 5, 10, 20],
    seeds: [1, 2, 3],
    examples: true,
    plantedRows: 8000,
  };
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Wall and CPU milliseconds of `work`, and its value. */
function timed<T>(work: () => T): { value: T; wallMs: number; cpuMs: number } {
  const wall0 = performance.now();
  const cpu0 = cpuMs();
  const value = work();
  return { value, wallMs: performance.now() - wall0, cpuMs: cpuMs() - cpu0 };
}

const allTasks = (n: number, seed = 1, settings = defaultSettings): RunSpec => ({
  key: `all-${n}`,
  tasks: Array.from({ length: n }, (_, t) => t),
  seed,
  settings,
});

/** Optimiser steps of a run of `settings` on `ds`. */
export function stepsOf(ds: EncodedDataset, settings: ProxySettings): number {
  const rows = Math.min(settings.rows, ds.trainRows);
  return epochsOf(settings, ds.trainRows) * Math.ceil(rows / settings.batchSize);
}

/** One plain run of all `n` tasks: its CPU and wall milliseconds. */
export async function plainRun(
  ds: EncodedDataset,
  n: number,
  kernels: Kernels,
  settings = defaultSettings,
): Promise<{ wallMs: number; cpuMs: number }> {
  useKernels(kernels);
  const wall0 = performance.now();
  const cpu0 = cpuMs();
  await trainRuns(ds, [allTasks(n, 1, settings)]);
  return { wallMs: performance.now() - wall0, cpuMs: cpuMs() - cpu0 };
}

export interface LookaheadCost {
  kernels: Kernels;
  tasks: number;
  every: number;
  steps: number;
  lookaheadSteps: number;
  /** CPU milliseconds of the plain run and of the lookahead run. */
  plainMs: number;
  lookaheadMs: number;
  wallMs: number;
  /** (lookahead run − plain run) ÷ lookahead steps, CPU ms; and that in plain steps. */
  perLookaheadMs: number;
  perLookaheadSteps: number;
  /** Shares of the lookahead's time in its three phases (from its own clock, wall time). */
  profile: LookaheadProfile;
}

/** One lookahead run of all `n` tasks every `every` steps, against `plain` (same spec without it). */
export function lookaheadCost(
  ds: EncodedDataset,
  n: number,
  every: number,
  kernels: Kernels,
  plain: { cpuMs: number },
  settings = defaultSettings,
): LookaheadCost {
  useKernels(kernels);
  const profile: LookaheadProfile = { gradientMs: 0, forwardMs: 0, lossMs: 0 };
  const spec = { ...allTasks(n, 1, settings), lookahead: { every } };
  const t = timed(() => trainLookahead(ds, spec, { profile }));
  const lookaheadSteps = t.value.lookaheadSteps ?? 0;
  const steps = stepsOf(ds, settings);
  const perLookaheadMs = (t.cpuMs - plain.cpuMs) / lookaheadSteps;
  return {
    kernels,
    tasks: n,
    every,
    steps,
    lookaheadSteps,
    plainMs: plain.cpuMs,
    lookaheadMs: t.cpuMs,
    wallMs: t.wallMs,
    perLookaheadMs,
    perLookaheadSteps: perLookaheadMs / (plain.cpuMs / steps),
    profile,
  };
}

/** The affinity matrix of all tasks of `ds`, one seed, lookahead every `every` steps. */
export function affinityOf(
  ds: EncodedDataset,
  every: number,
  seed: number,
  settings = defaultSettings,
): number[] {
  const spec = { ...allTasks(ds.tasks.length, seed, settings), lookahead: { every } };
  return trainLookahead(ds, spec).affinity ?? [];
}

/** Spearman's rank correlation of the off-diagonal entries of two n × n matrices (ties averaged). */
export function offDiagonalSpearman(a: number[], b: number[], n: number): number {
  const pick = (m: number[]) => m.filter((_, x) => x % n !== Math.floor(x / n));
  const ra = ranks(pick(a));
  const rb = ranks(pick(b));
  const mean = (ra.length - 1) / 2;
  let num = 0;
  let da = 0;
  let db = 0;
  ra.forEach((r, x) => {
    num += (r - mean) * (rb[x] - mean);
    da += (r - mean) ** 2;
    db += (rb[x] - mean) ** 2;
  });
  return num / Math.sqrt(da * db);
}

function ranks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i]).sort((p, q) => p[0] - q[0]);
  const out = new Array<number>(values.length);
  for (let s = 0; s < order.length;) {
    let e = s;
    while (e + 1 < order.length && order[e + 1][0] === order[s][0]) e++;
    for (let x = s; x <= e; x++) out[order[x][1]] = (s + e) / 2;
    s = e + 1;
  }
  return out;
}

/**
 * The two sides of bench:search, each one fresh process timed from start to exit: `taskgroup
 * search` (the installed command) and bench/pytorch_search.py. Each reports the optimiser steps
 * a run took from its own output: taskgroup from the proxy settings and training rows its result
 * states it used (through its own schedule), the script from its runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { studyDefaults } from '../src/config/study.js';
import { epochsOf, runRows } from '../src/proxy/schedule.js';
import type { ProxySettings } from '../src/proxy/types.js';
import type { ReportModel } from '../src/report/model.js';
import { childrenCpuSeconds } from './searchChild.js';
import { PYTHON, SEARCH_SCRIPT, torchEnv } from './torchReference.js';

/** What both sides are given. */
export interface SearchSettings {
  tasks: number;
  rows: number;
  trainRows: number;
  epochs: number;
  minSteps: number;
  seeds: number;
  workers: number;
  budget: number;
  batch: number;
}

export interface Side {
  impl: string;
  seconds: number;
  /** CPU seconds of the side's processes and threads, all of them (Linux), steadier than wall time on a shared machine. */
  cpuSeconds: number | null;
  runs: number;
  /** Optimiser steps a run took (one value when every run took the same). */
  stepsPerRun: number[];
  grouping: string[][];
}

const root = fileURLToPath(new URL('../', import.meta.url));
/** Wall and CPU seconds of `work`, which must wait for every process it starts. */
function timed<T>(work: () => T): { value: T; seconds: number; cpuSeconds: number | null } {
  const cpu0 = childrenCpuSeconds();
  const started = performance.now();
  const value = work();
  const seconds = (performance.now() - started) / 1000;
  const cpu1 = childrenCpuSeconds();
  return { value, seconds, cpuSeconds: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}
const { learningRate, bottom, tower } = studyDefaults.proxy;

export function runTaskgroupSearch(
  dir: string,
  data: string,
  tasks: string[],
  s: SearchSettings,
): Side {
  const config = join(dir, 'search.json');
  const proxy = {
    rows: s.trainRows,
    epochs: s.epochs,
    minSteps: s.minSteps,
    batchSize: s.batch,
    learningRate,
    bottom,
    tower,
  };
  const study = { data, tasks, budget: s.budget, seeds: s.seeds, workers: s.workers, proxy };
  writeFileSync(config, JSON.stringify(study));
  const argv = ['search', '--config', config, '--db', join(dir, 'bench.db'), '--quiet', '--json'];
  const {
    value: child,
    seconds,
    cpuSeconds,
  } = timed(() =>
    spawnSync(process.execPath, [join(root, 'bin', 'taskgroup.js'), ...argv], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    }),
  );
  if (child.status !== 0)
    throw new Error(`bench:search: taskgroup exited ${child.status}: ${child.stderr.trim()}`);
  const model = JSON.parse(child.stdout) as ReportModel;
  const used = model.facts.proxy as unknown as ProxySettings;
  const batches = Math.ceil(runRows(used, model.facts.trainRows) / used.batchSize);
  return {
    impl: 'taskgroup search',
    seconds,
    cpuSeconds,
    runs: model.runs.total,
    stepsPerRun: [epochsOf(used, model.facts.trainRows) * batches],
    grouping: model.grouping.map((g) => [...g].sort()).sort(),
  };
}

export function runPytorchSearch(data: string, tasks: string[], s: SearchSettings): Side {
  const flags: Record<string, string | number> = {
    tasks: tasks.join(','),
    budget: s.budget,
    rows: s.rows,
    'train-rows': s.trainRows,
    epochs: s.epochs,
    'min-steps': s.minSteps,
    seeds: s.seeds,
    procs: s.workers,
    batch: s.batch,
    lr: learningRate,
    bottom: bottom.join(','),
    tower: tower.join(','),
  };
  const argv = Object.entries(flags).flatMap(([flag, value]) => [`--${flag}`, String(value)]);
  const {
    value: out,
    seconds,
    cpuSeconds,
  } = timed(() =>
    execFileSync(PYTHON, [SEARCH_SCRIPT, data, ...argv], {
      env: torchEnv,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const result = JSON.parse(out.trim().split('\n').pop()!) as {
    runs: number;
    stepsPerRun: number[];
    grouping: string[][];
  };
  return { impl: 'PyTorch pytorch_search.py', seconds, cpuSeconds, ...result };
}

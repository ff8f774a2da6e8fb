import type { EncodedDataset } from '../src/data/types.js';
import { useKernels } from '../src/proxy/kernels/kernelModule.js';
import { trainPlain } from '../src/proxy/plainTrainer.js';
import { trainRuns } from '../src/proxy/trainRuns.js';
import type { ProxySettings, RunSpec } from '../src/proxy/types.js';
import { createPoolTrainer } from '../src/pipeline/pool.js';

/** How each training implementation is timed by bench:train (samples of wall time). */
export interface Measure {
  impl: string;
  backend: string;
  tasks: number;
  batch: number;
  workers: number;
  samplesPerSec: number;
  /** Samples per second of process CPU time (all threads): steadier on a busy machine. */
  cpuSamplesPerSec: number;
  /** Networks trained (the search workload trains many). */
  networks?: number;
  seconds: number;
}

/** The reference model (docs/proxy-training.md, "Throughput"): bottom 128-64, towers 32-1, Adam, batch 1024. */
export function referenceSettings(rows: number, epochs: number): ProxySettings {
  return {
    rows,
    epochs,
    minSteps: 0,
    batchSize: 1024,
    learningRate: 0.001,
    bottom: [128, 64],
    tower: [32],
  };
}

/** Process CPU time in seconds (user + system, every thread). */
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Wall and CPU seconds of `work`. */
async function timed(work: () => unknown): Promise<{ wall: number; cpu: number }> {
  const wall0 = performance.now();
  const cpu0 = cpuSeconds();
  await work();
  return { wall: (performance.now() - wall0) / 1000, cpu: cpuSeconds() - cpu0 };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const spec = (key: string, tasks: number[], settings: ProxySettings, seed = 1): RunSpec => ({
  key,
  tasks,
  seed,
  settings,
});

/** A build of the kernels: the native one or the WebAssembly one. */
export type Kernels = 'native' | 'wasm';

/** One network on the kernels, in this thread; epochs scaled to last about `seconds`. */
export async function measureKernels(
  ds: EncodedDataset,
  tasks: number,
  seconds: number,
  kernels: Kernels,
): Promise<Measure> {
  useKernels(kernels);
  await trainRuns(ds, [spec('warm', range(tasks), referenceSettings(ds.trainRows, 1))]);
  const t0 = performance.now();
  await trainRuns(ds, [spec('probe', range(tasks), referenceSettings(ds.trainRows, 1))]);
  const epochs = Math.max(1, Math.round(seconds / ((performance.now() - t0) / 1000)));
  const t = await timed(() =>
    trainRuns(ds, [spec('timed', range(tasks), referenceSettings(ds.trainRows, epochs))]),
  );
  return row(`${kernels}-kernels`, tasks, 1, ds.trainRows * epochs, t);
}

/** The naive loop: tfjs autograd and optimizer.minimize on tfjs-wasm, a few batches. */
export async function measureNaive(
  ds: EncodedDataset,
  tasks: number,
  steps: number,
): Promise<Measure> {
  const settings = referenceSettings(ds.trainRows, 1);
  trainPlain(ds, spec('warm', range(tasks), settings), 'wasm', 2);
  const t = await timed(() => trainPlain(ds, spec('timed', range(tasks), settings), 'wasm', steps));
  return row('tfjs-minimize', tasks, 1, steps * settings.batchSize, t);
}

/**
 * W workers of the real training worker, each training one network per task, W×2 tasks: the
 * pool a search trains on (pipeline/pool.ts), given the trainer on the `kernels` build.
 */
export async function measurePool(
  ds: EncodedDataset,
  tasks: number,
  workers: number,
  epochs: number,
  kernels: Kernels,
): Promise<Measure> {
  const pool = createPoolTrainer(`${kernels}-kernels`, workers);
  try {
    const run = (key: string, e: number) =>
      pool.train([spec(key, range(tasks), referenceSettings(ds.trainRows, e))], async () => ds);
    await Promise.all(range(workers).map((w) => run(`warm${w}`, 1)));
    const t = await timed(() =>
      Promise.all(range(2 * workers).map((w) => run(`timed${w}`, epochs))),
    );
    return row(`${kernels}-kernels-pool`, tasks, workers, 2 * workers * ds.trainRows * epochs, t);
  } finally {
    await pool.close();
  }
}

/**
 * A search's workload for one seed: the singles and pairs of `tasks` tasks, trained together in
 * one pass (`together`) or one network per call, repeated to last about `seconds` (a pass takes
 * well under a second on the native kernels: too short to time on a shared machine). Samples/s
 * counts every network's samples.
 */
export async function measureSearch(
  ds: EncodedDataset,
  tasks: number,
  together: boolean,
  kernels: Kernels,
  seconds: number,
): Promise<Measure> {
  useKernels(kernels);
  const settings = referenceSettings(ds.trainRows, 1);
  const specs: RunSpec[] = [];
  for (let i = 0; i < tasks; i++) {
    specs.push(spec(`s${i}`, [i], settings));
    for (let j = i + 1; j < tasks; j++) specs.push(spec(`p${i}-${j}`, [i, j], settings));
  }
  const pass = async () => {
    if (together) await trainRuns(ds, specs);
    else for (const s of specs) await trainRuns(ds, [s]);
  };
  const probe = await timed(pass);
  const passes = Math.max(1, Math.round(seconds / probe.wall));
  const t = await timed(async () => {
    for (let p = 0; p < passes; p++) await pass();
  });
  const measure = row(
    `${kernels}-kernels-search-${together ? 'together' : 'one-by-one'}`,
    tasks,
    1,
    passes * specs.length * ds.trainRows,
    t,
  );
  return { ...measure, networks: specs.length };
}

function row(
  impl: string,
  tasks: number,
  workers: number,
  samples: number,
  t: { wall: number; cpu: number },
): Measure {
  return {
    impl,
    backend: impl.startsWith('native') ? 'native' : 'wasm',
    tasks,
    batch: 1024,
    workers,
    samplesPerSec: Math.round(samples / t.wall),
    cpuSamplesPerSec: Math.round(samples / t.cpu),
    seconds: Math.round(t.wall * 100) / 100,
  };
}

import type { EncodedDataset, TaskType } from '../src/data/types.js';
import { Prng } from '../src/proxy/prng.js';

/**
 * A synthetic encoded dataset for benchmarks and tests: Gaussian features, each label a noisy
 * linear function of the features (thresholded for binary tasks), a fraction of labels missing.
 * Arrays sit on SharedArrayBuffers, as src/data hands them to workers.
 */
export interface ReferenceDataOptions {
  trainRows: number;
  valRows: number;
  dim: number;
  tasks: number;
  seed?: number;
  /** Fraction of labels left missing (NaN), per task and row. */
  missing?: number;
  /** Task types, cycled (default: all binary). */
  types?: TaskType[];
  /** Each task's direction in feature space (default: random Gaussian ones). */
  directions?: number[][];
  /** Standard deviation of the noise added to each latent value (default 0.5). */
  noise?: number;
}

export function referenceDataset(o: ReferenceDataOptions): EncodedDataset {
  const prng = new Prng(o.seed ?? 1);
  const gauss = () =>
    Math.sqrt(-2 * Math.log(1 - prng.next())) * Math.cos(2 * Math.PI * prng.next());
  const types = o.types ?? ['binary'];
  const tasks = Array.from({ length: o.tasks }, (_, t) => ({
    name: `task${t}`,
    type: types[t % types.length],
  }));
  const directions =
    o.directions ?? Array.from({ length: o.tasks }, () => Array.from({ length: o.dim }, gauss));
  const make = (rows: number) => {
    const x = shared(rows * o.dim);
    const y = shared(rows * o.tasks);
    for (let r = 0; r < rows; r++) {
      for (let d = 0; d < o.dim; d++) x[r * o.dim + d] = gauss();
      tasks.forEach((task, t) => {
        let z = 0;
        for (let d = 0; d < o.dim; d++) z += x[r * o.dim + d] * directions[t][d];
        z = z / Math.sqrt(o.dim) + (o.noise ?? 0.5) * gauss();
        const label = task.type === 'binary' ? Number(z > 0) : z;
        y[r * o.tasks + t] = prng.next() < (o.missing ?? 0) ? NaN : label;
      });
    }
    return { x, y };
  };
  const train = make(o.trainRows);
  const val = make(o.valRows);
  return {
    fingerprint: `reference-${o.trainRows}-${o.valRows}-${o.dim}-${o.tasks}-${o.seed ?? 1}`,
    tasks,
    dim: o.dim,
    featureNames: Array.from({ length: o.dim }, (_, d) => `x${d}`),
    featureColumns: Array.from({ length: o.dim }, (_, d) => `x${d}`),
    trainRows: o.trainRows,
    valRows: o.valRows,
    trainX: train.x,
    valX: val.x,
    trainY: train.y,
    valY: val.y,
  };
}

/**
 * Planted clusters of tasks: task t is a noisy copy of cluster `clusters[t]`'s latent factor, the
 * sum of that cluster's own block of `featuresPerCluster` features. Tasks of one cluster help
 * each other; tasks of different clusters share no feature.
 */
export function plantedDataset(
  o: Omit<ReferenceDataOptions, 'tasks' | 'dim' | 'directions'> & {
    clusters: number[];
    featuresPerCluster?: number;
  },
): EncodedDataset {
  const block = o.featuresPerCluster ?? 4;
  const dim = block * (Math.max(...o.clusters) + 1);
  const directions = o.clusters.map((c) =>
    Array.from({ length: dim }, (_, d) => (Math.floor(d / block) === c ? 1 : 0)),
  );
  const dataset = referenceDataset({ ...o, tasks: o.clusters.length, dim, directions });
  return { ...dataset, fingerprint: `planted-${o.clusters.join('.')}-${dataset.fingerprint}` };
}

function shared(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * 4));
}

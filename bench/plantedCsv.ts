/**
 * The data of bench:scale: a CSV of planted task clusters, `tasks` binary task columns in
 * clusters of 3 to 8, the same bytes for the same arguments. Built as the bundled example is
 * (examples/generate.ts), at any size: 16 standard-normal features z; each cluster has a hidden
 * nonlinear intent, sin(1.6·u·z) + tanh(1.6·v·z) over two random dense directions u, v of its
 * own, so every feature matters to every cluster but in a different way and a shared bottom
 * must serve conflicting features; each task adds 0.35 × a linear direction of its own, and its
 * label is 1 with probability sigmoid(2.5 · score). Half the labels are missing, so a task alone
 * is too noisy and under-labelled to learn its intent well, and its cluster mates help.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mulberry32 } from '../src/random.js';

const FEATURES = 16;

/** Cluster of each task: sizes drawn from 3..8 until the tasks are used up. */
export function plantedClusters(tasks: number, seed: number): number[] {
  const rng = mulberry32(seed);
  const clusters: number[] = [];
  let cluster = 0;
  while (tasks - clusters.length > 8) {
    const left = tasks - clusters.length;
    const size = 3 + Math.floor(rng() * (Math.min(8, left - 3) - 3 + 1));
    for (let k = 0; k < size; k++) clusters.push(cluster);
    cluster++;
  }
  while (clusters.length < tasks) clusters.push(cluster);
  return clusters;
}

/**
 * Overlapping clusters of 12 tasks (bench:quality's `planted12`): three clusters of four, and
 * two tasks that also lean on a second cluster's intent (`bridges`: task → that cluster), so
 * whether a bridging task joins its own cluster, the other, or neither is a close call that
 * only measured groups settle.
 */
export const overlappingClusters = {
  clusters: [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2],
  bridges: new Map([
    [3, 1],
    [8, 1],
  ]),
};

/**
 * Writes `rows` rows of planted-cluster data for `clusters` to `file`. A task in `bridges`
 * scores 0.6 × its own cluster's intent + 0.4 × the bridged cluster's.
 */
export async function writePlantedCsv(
  file: string,
  clusters: number[],
  rows: number,
  seed: number,
  bridges: ReadonlyMap<number, number> = new Map(),
): Promise<void> {
  const rng = mulberry32(seed * 7919 + 1);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const unit = () => {
    const v = Array.from({ length: FEATURES }, gauss);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  };
  const dot = (a: number[], z: number[]) => a.reduce((s, x, k) => s + x * z[k], 0);
  const intents = Array.from({ length: Math.max(...clusters) + 1 }, () => [unit(), unit()]);
  const own = clusters.map(() => unit());
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(line + '\n')) await once(out, 'drain');
  };
  await write(
    [
      ...Array.from({ length: FEATURES }, (_, k) => `z${k}`),
      ...clusters.map((_, t) => `task${t}`),
    ].join(','),
  );
  for (let r = 0; r < rows; r++) {
    const z = Array.from({ length: FEATURES }, gauss);
    const intent = intents.map(([u, v]) => Math.sin(1.6 * dot(u, z)) + Math.tanh(1.6 * dot(v, z)));
    const labels = clusters.map((c, t) => {
      const other = bridges.get(t);
      const shared = other === undefined ? intent[c] : 0.6 * intent[c] + 0.4 * intent[other];
      const score = shared + 0.35 * dot(own[t], z);
      const label = rng() < 1 / (1 + Math.exp(-2.5 * score)) ? '1' : '0';
      return rng() < 0.5 ? '' : label;
    });
    await write([...z.map((x) => x.toFixed(3)), ...labels].join(','));
  }
  out.end();
  await once(out, 'finish');
}

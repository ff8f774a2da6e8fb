/**
 * Planted transfer that lives in an id: a CSV whose task labels depend on a latent value of each
 * user, keyed by a `user_id` column, and not on the dense features. Tasks of one latent cluster
 * read the same latent value of the user, so each one's labels tell the others about every
 * user: trained together they learn each user's value from more labels, which is transfer a
 * proxy run can only see when the user's identity reaches the network (an embedded column).
 * Read as a number or hashed into a few buckets, the id carries nothing, and neither does any
 * dense feature, so without an embedding the tasks have nothing to share.
 *
 * Row r: user u uniform among `users`; features z0… standard normal (noise, or the signal of
 * tasks of cluster −1); task t of cluster c ≥ 0 is 1 with probability σ(scale · latent[u][c]),
 * latent values standard normal; task t of cluster −1 with probability σ(scale · w_t·z / √d).
 * Each label is left empty with probability `missing`. The same options give the same bytes.
 */
import { writeFileSync } from 'node:fs';
import { mulberry32 } from '../src/random.js';

export interface PlantedIdsOptions {
  rows: number;
  users: number;
  /** Each task's latent cluster (tasks of one cluster share the user's value); −1: dense features. */
  clusters: number[];
  seed: number;
  /** Share of each task's labels left empty (default 0.5). */
  missing?: number;
  /** How ids are written: `number` (1, 2, …, the default) or `string` (u1, u2, …). */
  ids?: 'number' | 'string';
  /** Weight of the latent value on the logit (default 3). */
  scale?: number;
  /** Dense features z0… (default 4). */
  features?: number;
}

/** Task t's column name. */
export const plantedIdsTask = (t: number): string => `task${t}`;

/** The CSV text of planted-id data (header: user_id, z0…, task0…). */
export function plantedIdsCsv(o: PlantedIdsOptions): string {
  const rng = mulberry32(o.seed * 7919 + 17);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const d = o.features ?? 4;
  const scale = o.scale ?? 3;
  const missing = o.missing ?? 0.5;
  const clusters = Math.max(0, ...o.clusters) + 1;
  const latent = Array.from({ length: o.users }, () => Array.from({ length: clusters }, gauss));
  const weights = o.clusters.map(() => Array.from({ length: d }, gauss));
  const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
  const header = ['user_id', ...Array.from({ length: d }, (_, k) => `z${k}`)];
  const lines = [[...header, ...o.clusters.map((_, t) => plantedIdsTask(t))].join(',')];
  for (let r = 0; r < o.rows; r++) {
    const u = Math.floor(rng() * o.users);
    const z = Array.from({ length: d }, gauss);
    const labels = o.clusters.map((c, t) => {
      const logit =
        c >= 0
          ? scale * latent[u][c]
          : (scale * weights[t].reduce((s, w, k) => s + w * z[k], 0)) / Math.sqrt(d);
      const label = rng() < sigmoid(logit) ? 1 : 0;
      return rng() < missing ? '' : String(label);
    });
    const id = o.ids === 'string' ? `u${u + 1}` : String(u + 1);
    lines.push([id, ...z.map((v) => v.toFixed(4)), ...labels].join(','));
  }
  return lines.join('\n') + '\n';
}

/** Writes planted-id data to `file`. */
export function writePlantedIdsCsv(file: string, o: PlantedIdsOptions): void {
  writeFileSync(file, plantedIdsCsv(o));
}

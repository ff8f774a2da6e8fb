/**
 * The data of bench:search: `rows` rows of 24 numeric features and `tasks` binary tasks in
 * clusters of three, the same bytes for the same arguments. Each cluster reads one hidden
 * direction of the features (tanh of a random projection) and each task adds a direction of its
 * own and noise, so tasks of one cluster help each other and the search has groups to find. All
 * columns are numeric, so taskgroup and the PyTorch script encode them alike (standardised).
 */
import { writeFileSync } from 'node:fs';
import { mulberry32 } from '../src/random.js';

const FEATURES = 24;

export function writeSearchCsv(file: string, rows: number, tasks: number, seed: number): string[] {
  const random = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const direction = () => Array.from({ length: FEATURES }, () => normal() / Math.sqrt(FEATURES));
  const clusters = Array.from({ length: Math.ceil(tasks / 3) }, direction);
  const own = Array.from({ length: tasks }, direction);
  const dot = (w: number[], x: number[]) => w.reduce((sum, wi, i) => sum + wi * x[i], 0);
  const names = Array.from({ length: tasks }, (_, t) => `t${t}`);
  const lines = [[...names, ...Array.from({ length: FEATURES }, (_, f) => `f${f}`)].join(',')];
  for (let r = 0; r < rows; r++) {
    const x = Array.from({ length: FEATURES }, normal);
    const labels = names.map((_, t) => {
      const score =
        2 * Math.tanh(2 * dot(clusters[Math.floor(t / 3)], x)) +
        0.6 * dot(own[t], x) +
        0.8 * normal();
      return score > 0 ? 1 : 0;
    });
    lines.push([...labels, ...x.map((v) => v.toFixed(4))].join(','));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return names;
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../../src/random.js';

/** 400 rows: `paid` is the purchase amount (0 unless bought), `score` a leaked copy of watch time. */
export function leakyCsv(dir: string): string {
  const rng = mulberry32(3);
  const lines = ['age,country,paid,score,noise,bought,watch'];
  for (let r = 0; r < 400; r++) {
    const age = 20 + Math.floor(rng() * 40);
    const bought = rng() < 0.3 + (age > 40 ? 0.2 : 0) ? 1 : 0;
    const watch = (rng() * 10 + age / 10).toFixed(3);
    lines.push(
      [
        age,
        ['fr', 'de', 'us'][r % 3],
        bought ? (5 + rng() * 20).toFixed(2) : '0',
        (Number(watch) * 2 + 1).toFixed(3),
        rng().toFixed(3),
        bought,
        watch,
      ].join(','),
    );
  }
  const file = join(dir, 'leaky.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

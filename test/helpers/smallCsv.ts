import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A small CSV with five binary tasks t0..t4 and two features (values are irrelevant to fakes). */
export function smallCsv(dir: string, rows = 60): string {
  const file = join(dir, 'small.csv');
  const lines = ['x1,x2,colour,t0,t1,t2,t3,t4'];
  for (let r = 0; r < rows; r++) {
    const bit = (k: number) => String((r * (k + 3) + k) % (k + 2) === 0 ? 1 : 0);
    lines.push(
      [
        r % 7,
        (r * 13) % 11,
        ['red', 'blue', 'green'][r % 3],
        bit(0),
        bit(1),
        bit(2),
        bit(3),
        bit(4),
      ].join(','),
    );
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

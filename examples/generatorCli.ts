import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * The command line of an example generator (`--rows N --seed S [--out FILE]`), run when the
 * module at `moduleUrl` is the script node started: the CSV to `--out`, or to stdout.
 */
export function generatorCli(
  moduleUrl: string,
  defaultRows: number,
  generate: (rows: number, seed: number) => string,
): void {
  if (process.argv[1] === undefined || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: String(defaultRows) },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
  });
  const rows = Number(values.rows);
  const seed = Number(values.seed);
  if (!Number.isInteger(rows) || rows < 1)
    throw new Error(`--rows must be a positive integer, got ${values.rows}`);
  if (!Number.isInteger(seed) || seed < 0)
    throw new Error(`--seed must be a non-negative integer, got ${values.seed}`);
  const csv = generate(rows, seed);
  if (values.out === undefined) process.stdout.write(csv);
  else writeFileSync(values.out, csv);
}

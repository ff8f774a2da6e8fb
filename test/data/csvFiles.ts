/** Test helper: small CSV files written to a fresh temp directory, removed after the suite. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

export function csvFiles(): {
  write: (name: string, text: string | Uint8Array) => string;
  dir: string;
} {
  const dir = mkdtempSync(join(tmpdir(), 'taskgroup-data-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write: (name, text) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
  };
}

/** `n` rows of a CSV from a row function, with a header. */
export function table(
  header: string[],
  n: number,
  row: (i: number) => (string | number)[],
): string {
  return (
    [header.join(','), ...Array.from({ length: n }, (_, i) => row(i).join(','))].join('\n') + '\n'
  );
}

export const fixture = (name: string): string =>
  new URL(`../fixtures/data/${name}`, import.meta.url).pathname;

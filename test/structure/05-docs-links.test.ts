import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';

/**
 * README and docs/ link to each other by file and heading: a file renamed or a heading reworded
 * leaves a link that leads nowhere, on GitHub and in the npm registry alike.
 */

const pages = ['README.md', ...readdirSync('docs').map((name) => join('docs', name))];

/** The anchor GitHub gives a heading: lower case, punctuation dropped, each space a hyphen. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\- ]/gu, '')
    .replaceAll(' ', '-');

const anchorsOf = (file: string) =>
  new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /^#{1,6} /.test(line))
      .map((line) => slug(line.replace(/^#+ /, ''))),
  );

test('every relative link of README and docs/ leads to a file, and to a heading of it', () => {
  let links = 0;
  for (const page of pages) {
    const text = readFileSync(page, 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
      const [file, anchor] = target.split('#');
      const path = file === '' ? page : join(dirname(page), file);
      assert.ok(existsSync(path), `${page}: ${target} leads to no file`);
      if (anchor && path.endsWith('.md'))
        assert.ok(anchorsOf(path).has(anchor), `${page}: ${target} leads to no heading`);
      links++;
    }
  }
  assert.ok(links > 20, `${links} links checked`);
});

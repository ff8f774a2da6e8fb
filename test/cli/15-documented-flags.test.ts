import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/program.js';

/**
 * The flag lists of docs/ against the commands as they are: a flag added to a command and not
 * documented, or a default changed in one place and not the other, fails here.
 */

const doc = (name: string) => readFileSync(`docs/${name}`, 'utf8');

/** The text of the `## ` section of `markdown` whose heading starts with `heading`. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}`);
  assert.ok(start >= 0, `no section "${heading}"`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** Where each command's flags are documented. */
const documentedIn: Record<string, string> = {
  search: section(doc('commands.md'), '`taskgroup search`'),
  report: section(doc('commands.md'), '`taskgroup report'),
  resume: section(doc('commands.md'), '`taskgroup resume'),
  status: section(doc('commands.md'), '`taskgroup status'),
  worker: section(doc('commands.md'), '`taskgroup worker'),
  solve: section(doc('solve.md'), 'How to call it'),
};

const commands = (): Command[] => buildProgram().commands as Command[];

test('every flag of every command is documented where its command is', () => {
  assert.deepEqual(
    commands()
      .map((c) => c.name())
      .sort(),
    Object.keys(documentedIn).sort(),
  );
  for (const command of commands()) {
    const text = documentedIn[command.name()];
    for (const option of command.options)
      assert.match(
        text,
        new RegExp(`(?<![\\w-])${option.long}(?![\\w-])`),
        `${command.name()} ${option.long} is not in its docs`,
      );
  }
});

/** The search flags table of docs/commands.md: flag → its default cell. */
function searchDefaults(): Map<string, string> {
  const rows = documentedIn.search
    .split('\n')
    .filter((line) => line.startsWith('| `--'))
    .map((line) => line.split(/(?<!\\)\|/).map((cell) => cell.trim()));
  return new Map(rows.map((cells) => [cells[1].match(/^`(--[\w-]+)/)![1], cells.at(-2)!]));
}

test('each search flag has its row in the flags table, with the default --help states', () => {
  const table = searchDefaults();
  const search = commands().find((c) => c.name() === 'search')!;
  let compared = 0;
  for (const option of search.options) {
    if (option.long === '--help') continue;
    assert.ok(table.has(option.long!), `${option.long} has no row in the search flags table`);
    // `(default 3)`, `(default auto: …)`, `(default 1 each)`: the value --help names.
    const stated = /\(default ([^:)]+)[:)]/.exec(option.description)?.[1];
    if (stated === undefined) continue;
    assert.ok(
      table.get(option.long!)!.replaceAll('`', '').includes(stated),
      `${option.long}: --help says default ${stated}, docs say ${table.get(option.long!)}`,
    );
    compared++;
  }
  assert.ok(compared >= 8, `only ${compared} defaults compared`);
});

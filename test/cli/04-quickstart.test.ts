import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'shell-quote';
import { type CliResult, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';

/**
 * README's first screen, quickstart and what follows them up to the licence, run as written:
 * every command of their code blocks, in order, in an empty folder holding the bundled examples
 * they name, with what README says each prints.
 * `npm install` and `npm test` are the two commands not run: this test runs inside `npm test`,
 * after the install.
 */

const readme = readFileSync('README.md', 'utf8');
/** Everything before the licence: the first screen, the quickstart, auxiliary tasks. */
const runnable = readme.slice(0, readme.indexOf('\n## Licence'));
const blocks = [...runnable.matchAll(/^```\n([\s\S]*?)^```$/gm)].map((m) => m[1]);

/** A block's commands: continuation lines joined, comments dropped. */
const commandsOf = (block: string): string[] =>
  block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.replace(/\s+#\s.*$/, '').trim())
    .filter((line) => line !== '');

const commandBlocks = blocks.filter((b) => /^np[mx] /.test(b));
const commands = commandBlocks.flatMap(commandsOf);
/** The block README shows as the search's output: warnings (stderr), then its result (stdout). */
const shownBlock = blocks.find((b) => /^search [0-9a-f]{8}:/m.test(b))!;
const shown = shownBlock.split('\n');
const warnings = shown.filter((line) => line.startsWith('warning: '));
const printed = shown.filter((line) => !line.startsWith('warning: ')).join('\n');
/** The other output blocks: excerpts of what some command prints. */
const excerpts = blocks.filter((b) => !/^np[mx] /.test(b) && b !== shownBlock);

/** A printed line with what varies from run to run (the id, the time) made a pattern. */
const linePattern = (line: string, id: string) =>
  new RegExp(
    `^${line
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replaceAll(id, '[0-9a-f]{8}')
      .replace(/\d+\\\.\d s, backend \S+/, '\\d+\\.\\d s, backend \\S+')}$`,
  );

interface Ran {
  command: string;
  argv: string[];
  out: CliResult;
}

/** Runs one README command line in `dir`: `npx taskgroup ARGS [> FILE]`. */
async function runLine(line: string, dir: string, ids: string[], search: string): Promise<Ran> {
  const words = parse(line.replaceAll('<searchId>', ids[0] ?? 'none')) as (
    string | { op: string }
  )[];
  const redirect = words.findIndex((w) => typeof w !== 'string');
  const argv = (redirect < 0 ? words : words.slice(0, redirect)) as string[];
  assert.deepEqual(argv.slice(0, 2), ['npx', 'taskgroup'], line);
  // `search ...` in README: the quickstart's search with more flags.
  const args = argv.slice(2).flatMap((a) => (a === '...' ? parseArgs(search).slice(1) : [a]));
  const out = await runCli(args, { cwd: dir, timeoutMs: 600_000 });
  assert.equal(out.code, 0, `${line}\n${out.stderr}`);
  if (redirect >= 0) {
    assert.deepEqual(words[redirect], { op: '>' }, line);
    writeFileSync(join(dir, words[redirect + 1] as string), out.stdout);
  }
  // The quickstart's search (`<searchId>` in README), each time it runs.
  const id = /^search ([0-9a-f]{8}):/.exec(out.stdout)?.[1];
  if (id && args.includes('examples/recsys.csv')) ids.push(id);
  return { command: line, argv: args, out };
}

/** `search` and its flags, from README's `npx taskgroup search …` line. */
/** The Markdown report docs/reports.md shows (its headings one level down), as the tool printed it. */
function reportSample(): string {
  const docs = readFileSync('docs/reports.md', 'utf8');
  const start = docs.indexOf('\n', docs.indexOf('<details><summary>The same search as Markdown'));
  return docs
    .slice(start + 1, docs.indexOf('</details>', start))
    .replace(/^#(#+ )/gm, '$1')
    .trim();
}

/** docs/reports.md's folder, search id and times in a report printed here. */
const SAMPLE = { dir: '/home/you/quickstart', id: '9eb494c9' };
function asDocumented(report: string, id: string, dir: string): string {
  return report
    .replaceAll(dir, SAMPLE.dir)
    .replaceAll(id, SAMPLE.id)
    .replace(/^\| Time \| .* \|$/m, '| Time | 12 s |')
    .replace(/^\| Started \| .* \|$/m, '| Started | 2026-12-01T22:34:52.337Z |')
    .replace(/^\| Finished \| .* \|$/m, '| Finished | 2026-12-01T22:35:04.216Z |')
    .trim();
}

const parseArgs = (line: string) => (parse(line) as string[]).slice(2);

test(
  "README's first screen and quickstart run as written and print what README says",
  { timeout: 900_000 },
  async () => {
    assert.deepEqual(
      commands.filter((c) => !c.startsWith('npx taskgroup ')),
      ['npm install', 'npm test'],
      'every other command is run below',
    );
    const dir = tempDir();
    mkdirSync(join(dir, 'examples'));
    for (const [file] of new Set(commands.join(' ').matchAll(/examples\/[\w.-]+/g)))
      copyFileSync(file, join(dir, file));
    const search = commands.find((c) => c.startsWith('npx taskgroup search --data'))!;
    const ids: string[] = [];
    const ran: Ran[] = [];
    for (const line of commands.filter((c) => c.startsWith('npx taskgroup ')))
      ran.push(await runLine(line, dir, ids, search));
    assert.ok(ran.length >= 6, `${ran.length} commands run`);

    // The first search prints README's sample, line by line (its id and time aside).
    const first = ran.find((r) => r.argv[0] === 'search')!;
    const readmeId = /^search ([0-9a-f]{8})/.exec(printed)![1];
    const lines = first.out.stdout.trimEnd().split('\n');
    const expected = printed.trimEnd().split('\n');
    assert.equal(lines.length, expected.length, first.out.stdout);
    expected.forEach((line, i) => assert.match(lines[i], linePattern(line, readmeId)));
    for (const warning of warnings)
      assert.ok(first.out.stderr.split('\n').includes(warning), `stderr says ${warning}`);
    const total = / (\d+) runs \(\1 trained, 0 cached, 0 failed\)/.exec(lines[0])?.[1];
    assert.ok(total, `the first search trains every run: ${lines[0]}`);

    for (const excerpt of excerpts)
      assert.ok(
        ran.some((r) => r.out.stdout.includes(excerpt)),
        `no command printed README's\n${excerpt}`,
      );

    // The same command again is the same search, as stored: one id throughout.
    assert.ok(ids.length >= 2, 'the quickstart search ran twice');
    assert.deepEqual(new Set(ids), new Set([ids[0]]));
    const again = ran.filter((r) => r.command === first.command)[1];
    assert.equal(again.out.stdout, first.out.stdout, 'its result as stored');
    assert.match(again.out.stderr, /asked this question before/);

    // Where the reports are.
    assert.match(readFileSync(join(dir, 'report.html'), 'utf8'), /^<!DOCTYPE html>/i);
    assert.equal(JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')).searchId, ids[0]);
    const md = ran.find((r) => r.argv[0] === 'report' && r.argv.includes('md'))!;
    assert.match(md.out.stdout, new RegExp(`^# Task grouping report: search \`${ids[0]}\``));
    assert.equal(
      asDocumented(md.out.stdout, ids[0], dir),
      reportSample(),
      'docs/reports.md shows this report',
    );
    const status = ran.find((r) => r.argv[0] === 'status')!;
    assert.equal(status.out.stdout.split(ids[0]).length - 1, 1, 'status lists it once');
    assert.ok(existsSync(join(dir, 'taskgroup.db')));

    // `--new`: a search of its own, every run found in the database.
    const fresh = await runCli([...parseArgs(search), '--new'], { cwd: dir });
    assert.equal(fresh.code, 0, fresh.stderr);
    const header = /^search ([0-9a-f]{8}): 7 tasks, (\d+) runs \(0 trained, \2 cached/.exec(
      fresh.stdout,
    );
    assert.ok(header && header[1] !== ids[0] && header[2] === total, fresh.stdout);
    assert.ok(readme.includes(`\`0 trained, ${total} cached\``), 'as README says');
  },
);

test('README fits the registry and its first screen runs the tool: install, search, report', () => {
  assert.ok(Buffer.byteLength(readme) <= 30 * 1024, `README is ${Buffer.byteLength(readme)} bytes`);
  const screen = readme.split('\n').slice(0, 40).join('\n');
  assert.match(screen, /^npm install\b/m);
  assert.match(screen, /^npx taskgroup search --data examples\/recsys\.csv/m);
  assert.match(screen, /^npx taskgroup report <searchId> --format html --out report\.html/m);
});

import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { assertRefused as refused, runCli } from '../helpers/cli.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

// Options refused by the same rule wherever they are written (issue of hostile inputs, round 2:
// items 7, 10 and 17): one line naming the flag or key, exit 2, nothing created.
const dir = tempDir();
const data = smallCsv(dir);

/** Runs `args` in a fresh folder and checks it is left empty (no database, no -journal). */
async function refusedInEmptyFolder(args: string[], message: RegExp): Promise<void> {
  const cwd = tempDir();
  refused(await runCli(args, { cwd, timeoutMs: 20_000 }), message);
  assert.deepEqual(readdirSync(cwd), [], 'nothing written');
}

const outOfRange =
  /--redis redis:\/\/127\.0\.0\.1:6399\/99: database 99 is out of range: taskgroup takes 0 to 15/;

test('#7 a Redis URL naming database 99 is refused by search, worker and status, before connecting', async () => {
  const url = 'redis://127.0.0.1:6399/99';
  await refusedInEmptyFolder(
    ['search', '--data', data, '--tasks', 't0,t1', '--redis', url],
    outOfRange,
  );
  await refusedInEmptyFolder(['worker', '--redis', url], outOfRange);
  await refusedInEmptyFolder(['status', '--redis', url], outOfRange);
});

test('#7 databases 0 to 15 are taken as they are: the refusal is about the index only', async () => {
  // Port 1 has no server: status gets past the URL's check and then reports Redis out of reach.
  const result = await runCli(['status', '--redis', 'redis://127.0.0.1:1/15', '--json'], {
    cwd: tempDir(),
    timeoutMs: 30_000,
  });
  assert.doesNotMatch(result.stderr, /out of range/);
});

test("#10 --db '' is refused by search, resume, status and report, naming --db", async () => {
  const message = /--db must name a database file, e.g\. taskgroup\.db \(got ""\)/;
  await refusedInEmptyFolder(['search', '--data', data, '--tasks', 't0,t1', '--db', ''], message);
  await refusedInEmptyFolder(['resume', 'abcd1234', '--db', ''], message);
  await refusedInEmptyFolder(['status', '--db', ''], message);
  await refusedInEmptyFolder(['report', 'abcd1234', '--format', 'md', '--db', ''], message);
});

test('#17 --weights naming a task twice is refused as --tasks naming it twice is', async () => {
  await refusedInEmptyFolder(
    ['search', '--data', data, '--tasks', 't0,t1', '--weights', 't0=2,t0=3'],
    /^taskgroup: --weights: task "t0" is given twice$/,
  );
  await refusedInEmptyFolder(
    ['search', '--data', data, '--tasks', 't0,t1,t0'],
    /^taskgroup: --tasks: task "t0" is given twice$/,
  );
  const table = join(dir, 'table.csv');
  writeFileSync(table, 'name,cost,a,b\na,1,0.5,\nb,1,,0.4\nab,1,0.45,0.41\n');
  refused(
    await runCli(['solve', '--table', table, '--weights', 'a=1,a=2']),
    /^taskgroup: --weights: task "a" is given twice$/,
  );
});

test('#17 an unknown key inside "proxy" of a --config file is refused as at its top level, __proto__ included', async () => {
  for (const [name, text, message] of [
    ['top.json', '{"__proto__": {"rows": 5}}', /--config .*top\.json: unknown key "__proto__"$/],
    [
      'proxy.json',
      '{"proxy": {"__proto__": {"rows": 5}}}',
      /--config .*proxy\.json: unknown key "proxy\.__proto__"$/,
    ],
    ['typo.json', '{"proxy": {"epoch": 5}}', /--config .*typo\.json: unknown key "proxy\.epoch"$/],
  ] as const) {
    const config = join(dir, name);
    writeFileSync(config, text);
    const db = join(dir, `${name}.db`);
    refused(
      await runCli(['search', '--data', data, '--tasks', 't0,t1', '--config', config, '--db', db]),
      message,
    );
    assert.equal(existsSync(db), false);
  }
});

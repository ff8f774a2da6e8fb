import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ReportModel } from '../../src/report/model.js';
import { assertRefused, runCli } from '../helpers/cli.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

// Auxiliary tasks end to end with real proxy runs: examples/shop.csv plants two auxiliaries that
// share purchase's latent factor (add_to_cart, wishlist) and two that share nothing with either
// main task (watch_video, open_reviews); nothing helps rating (examples/shop.ts).
const shop = join(process.cwd(), 'examples', 'shop.csv');
const tasks = 'purchase,rating,add_to_cart,wishlist,watch_video,open_reviews';
const aux = 'add_to_cart,wishlist,watch_video,open_reviews';

for (const balance of ['none', 'metabalance']) {
  test(`on planted data the search gives purchase its two helpful auxiliaries and rating none (--aux-balance ${balance})`, async () => {
    const cwd = tempDir();
    const args = ['search', '--data', shop, '--tasks', tasks, '--aux', aux, '--seeds', '2'];
    const result = await runCli([...args, '--aux-balance', balance, '--json'], {
      cwd,
      timeoutMs: 240_000,
    });
    assert.equal(result.code, 0, result.stderr);
    const model = JSON.parse(result.stdout) as ReportModel;
    assert.deepEqual(model.grouping, [['purchase'], ['rating']]);
    assert.deepEqual(model.auxiliaries, [['add_to_cart', 'wishlist'], []]);
    assert.equal(model.objectiveKind, 'measured');
    const [purchase] = model.auxiliaryEffects!;
    for (const effect of purchase.chosen)
      assert.ok(effect.measured && effect.gain > 0, effect.task);
    assert.equal(model.facts.auxBalance, balance === 'none' ? 'none' : 'metabalance:0.7');
    // The report renders the same model with its auxiliaries.
    const md = await runCli(['report', model.searchId, '--format', 'md'], { cwd });
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /## Auxiliary tasks/);
    assert.match(md.stdout, /network 1 \(`purchase`\): `add_to_cart`, `wishlist`/);
  });
}

test('auxiliary options are refused in one line naming the flag, nothing written', async () => {
  const data = smallCsv(tempDir());
  const cases: [string[], RegExp][] = [
    [['--aux', 't9'], /--aux: "t9" is not one of the tasks \(t0, t1, t2\)/],
    [['--aux', 't0,t1,t2'], /--aux names every task; leave at least one main task/],
    [['--aux', 't1,t1'], /--aux names "t1" twice/],
    [
      ['--aux', 't1', '--method', 'tag'],
      /--method tag: cannot weigh auxiliary tasks \(--aux\); use --method pairs or auto/,
    ],
    [
      ['--aux-balance', 'metabalance'],
      /--aux-balance metabalance:0\.7 balances auxiliary tasks; name them with --aux/,
    ],
    [
      ['--aux', 't1', '--aux-balance', 'metabalance:0'],
      /--aux-balance: metabalance:R takes a ratio R with 0 < R ≤ 10 \(got "0"\)/,
    ],
    [
      ['--aux', 't1', '--aux-balance', 'gradnorm'],
      /--aux-balance must be one of none, metabalance, optionally with :R \(got "gradnorm"\)/,
    ],
    [['--aux', 't1', '--aux-balance', 'none:2'], /--aux-balance: none takes no parameter/],
    [
      ['--aux', 't1', '--aux-balance', 'metabalance', '--backend', 'cpu'],
      /--backend cpu: --aux-balance metabalance:0\.7 trains its balanced runs on taskgroup's kernels; use --backend wasm or auto/,
    ],
    [
      ['--aux', 't1', '--aux-balance', 'metabalance', '--architecture', 'mmoe'],
      /--aux-balance metabalance:0\.7 rescales gradients of a shared bottom, and --architecture mmoe has none \(its experts sit behind per-task gates\); use --aux-balance none/,
    ],
    [
      ['--aux', 't1,t2', '--weights', '0,1,1'],
      /--weights: the main tasks' weights must not all be 0/,
    ],
  ];
  for (const [extra, message] of cases) {
    const cwd = tempDir();
    const result = await runCli(['search', '--data', data, '--tasks', 't0,t1,t2', ...extra], {
      cwd,
      timeoutMs: 20_000,
    });
    assertRefused(result, message);
    assert.deepEqual(readdirSync(cwd), [], `${extra.join(' ')}: nothing written`);
  }
});

/**
 * How good the estimate with auxiliaries is:
 * `npm run bench:aux-estimate -- --db FILE [--json]`, FILE holding exhaustive searches with
 * auxiliary tasks (`search --exhaustive --aux`, or the truths `bench:quality -- --db FILE` keeps).
 *
 * For every such search (every network holding a main task trained), each network of 3+ members
 * is estimated from its pairs as a search would, and each main member's error (measured −
 * estimate, relative loss) is summed up by network size: the bias (mean error) and its spread,
 * before and after the error model's correction fitted on the all-in-one network alone (what a
 * search knows before verification). Two estimates side by side: the one searches use (HOA over
 * every other member of the network, main or auxiliary: transfer/groupEstimate.ts) and the one
 * it was chosen over (HOA over the main partners minus each auxiliary's pair transfer: an
 * auxiliary adds its gain).
 * --smoke: one exhaustive search of 4 recsys tasks, 2 of them auxiliary, with proxy runs of a few
 * steps, in a database thrown away.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rolesOf } from '../src/config/auxiliaryRoles.js';
import { parseStudyRecord } from '../src/config/studyRecord.js';
import { gatherEvidence, measuredMeans } from '../src/decide/evidence.js';
import { methodNamed } from '../src/decide/methods/index.js';
import { everyNetwork, everyTask } from '../src/decide/subsets.js';
import { groupKey } from '../src/search/index.js';
import { openStore } from '../src/store/index.js';
import {
  fitGroupErrors,
  pairNoise,
  relativeLossInGroup,
  relativePairMatrix,
} from '../src/transfer/index.js';
import { benchFlags, SMOKE_NOTE } from './flags.js';
import { searchJson } from './searchChild.js';

const flags = benchFlags('aux-estimate', { db: { type: 'string' }, json: { type: 'boolean' } });
const { values } = flags;
let db = values.db;
if (flags.smoke) {
  const dir = mkdtempSync(join(tmpdir(), 'taskgroup-aux-estimate-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  db = join(dir, 'smoke.db');
  const proxy = ['--rows', '400', '--epochs', '1', '--min-steps', '0', '--seeds', '2'];
  const study = ['--data', 'examples/recsys.csv', '--tasks', 'click,like,share,watch_time'];
  searchJson('aux-estimate', [
    ...study,
    '--aux',
    'share,watch_time',
    '--exhaustive',
    ...proxy,
    '--db',
    db,
    '--quiet',
  ]);
} else if (db === undefined)
  flags.fail('--db FILE is required: a database holding search --exhaustive --aux searches');

interface Row {
  search: string;
  estimate: string;
  size: number;
  count: number;
  bias: number;
  rms: number;
  corrected: number;
}
const rows: Row[] = [];
const store = openStore(db!, { readOnly: true });
for (const search of store.searches.list()) {
  if (search.status !== 'done') continue;
  const { study } = parseStudyRecord(search.config, search.id);
  const roles = rolesOf(study);
  if (!study.exhaustive || !roles) continue;
  const n = study.tasks.length;
  const evidence = gatherEvidence(n, store.searches.planned(search.id), methodNamed(study.method));
  const pair = [relativePairMatrix(evidence.losses)];
  const isAux = (t: number) => roles.aux.includes(t);
  const additive = (t: number, g: number[]) => {
    const others = g.filter((j) => j !== t);
    if (others.length === 1) return pair[0][t][others[0]];
    const mains = others.filter((j) => !isAux(j));
    const base =
      mains.length === 0 ? 1 : mains.reduce((s, j) => s + pair[0][t][j], 0) / mains.length;
    return others.filter(isAux).reduce((r, a) => r - (1 - pair[0][t][a]), base);
  };
  const estimates = {
    'HOA over every member (used)': (t: number, g: number[]) =>
      relativeLossInGroup(pair, t, g).mean,
    'main HOA − aux transfers': additive,
  };
  const scored = (t: number) => roles.main.includes(t);
  const measured = (g: number[]) =>
    measuredMeans(evidence, evidence.groups.get(groupKey(g))!, scored);
  for (const [name, estimate] of Object.entries(estimates)) {
    const all = everyTask(n);
    const allMeans = measured(all)!;
    const anchor = all.map((t, k) => (scored(t) ? allMeans[k] - estimate(t, all) : 0));
    const model = fitGroupErrors({
      taskCount: n,
      anchor,
      measured: [],
      priorSigma: pairNoise(evidence.losses),
    });
    const bySize = new Map<number, { e: number[]; c: number[] }>();
    for (const g of everyNetwork(roles).filter((g) => g.length >= 3 && g.length < n)) {
      const means = measured(g);
      if (!means) continue;
      const slot = bySize.get(g.length) ?? { e: [], c: [] };
      g.forEach((t, k) => {
        if (!scored(t)) return;
        const error = means[k] - estimate(t, g);
        slot.e.push(error);
        slot.c.push(error - model.correction[t][g.length]);
      });
      bySize.set(g.length, slot);
    }
    for (const [size, { e, c }] of [...bySize].sort((a, b) => a[0] - b[0])) {
      const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
      const rms = (x: number[]) => Math.sqrt(mean(x.map((v) => v * v)));
      rows.push({
        search: `${search.id} (${roles.main.length} main, ${roles.aux.length} aux)`,
        estimate: name,
        size,
        count: e.length,
        bias: mean(e),
        rms: rms(e),
        corrected: rms(c),
      });
    }
  }
}
store.close();
if (values.json) console.log(JSON.stringify(rows));
else {
  if (flags.smoke) console.log(SMOKE_NOTE);
  console.log(
    'search                          estimate                                 size  errors   bias     rms   rms after correction',
  );
  for (const r of rows)
    console.log(
      `${r.search.padEnd(31)} ${r.estimate.padEnd(40)} ${String(r.size).padStart(4)} ${String(r.count).padStart(7)} ${r.bias.toFixed(4).padStart(7)} ${r.rms.toFixed(4).padStart(7)} ${r.corrected.toFixed(4).padStart(8)}`,
    );
}

import { join } from 'node:path';
import { resolveConfigObject } from '../../src/config/searchConfig.js';
import { runSearch } from '../../src/pipeline/runSearch.js';
import type { ReportModel } from '../../src/report/model.js';
import { fakeTrainer } from '../helpers/fakeTrainer.js';
import { smallCsv } from '../helpers/smallCsv.js';
import { tempDir } from '../helpers/tempDir.js';

/** A search's report with every detail: metrics on its runs, groups verified, two seeds. */
export async function detailedModel(): Promise<ReportModel> {
  const dir = tempDir();
  const config = resolveConfigObject('config', {
    data: smallCsv(dir),
    tasks: 't0,t1,t2,t3,t4',
    seeds: 2,
    budget: 2,
  });
  return runSearch(config, join(dir, 'd.db'), {
    stop: { requested: false },
    trainer: () =>
      fakeTrainer(
        [
          [0, 1, 2],
          [3, 4],
        ],
        { metrics: true },
      ),
  });
}

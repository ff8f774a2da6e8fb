import { Command, Option } from 'commander';
import { optionWithDefault } from './helpText.js';
import { backendNames, forcedWorkerLimit, workersHelp } from '../config/runChoices.js';
import {
  auxBalanceHelp,
  methodHelp,
  resolveSearchConfig,
  type SearchFlags,
} from '../config/searchConfig.js';
import { architectureHelp, embedHelp, expertsHelp } from '../config/networkOptions.js';
import { studyLimits as L } from '../config/study.js';
import type { OutputFlags } from './searchOutput.js';

export const defaultDb = 'taskgroup.db';

/** `search`'s options in the order `--help` lists them: [flags, description, default?]. */
const searchOptions = (): [string, string, string?][] => [
  ['--data <file>', 'CSV or Parquet file with one column per task and feature columns'],
  ['--tasks <list>', `task columns, e.g. click,like,watch_time:regression (2 to ${L.tasks})`],
  [
    '--config <file>',
    'JSON study config (features, exclude, weights, proxy settings); flags override it',
  ],
  [
    '--features <list>',
    'feature columns to use, comma-separated (default: every column that is not a task)',
  ],
  ['--exclude <list>', 'columns to leave out of the features, e.g. an id or a leaked label'],
  ['--db <file>', 'SQLite database of runs and searches', defaultDb],
  ['--budget <n>', 'most networks to serve (default: no limit)'],
  ['--workers <n>', workersHelp()],
  ['--force', `allow more --workers than this machine has cores (at most ${forcedWorkerLimit})`],
  [
    '--redis <url>',
    'train on a BullMQ queue in Redis, served by `taskgroup worker` processes (and --workers threads here, 0 for none)',
  ],
  ['--seeds <n>', `seeds per run, for standard errors, 1 to ${L.seeds} (default 3)`],
  ['--seed <n>', 'base seed of split, data order and initial weights, 0 to 2147483647 (default 0)'],
  ['--rows <n>', `most training rows a proxy run sees, 1 to ${L.rows} (default 20000)`],
  ['--epochs <n>', `least epochs per proxy run, 1 to ${L.epochs} (default 4)`],
  [
    '--min-steps <n>',
    `least optimiser steps per proxy run: small data gets more epochs, 0 to ${L.minSteps} (default 200)`,
  ],
  ['--batch-size <n>', `proxy batch size, 1 to ${L.batchSize} (default 256)`],
  ['--backend <name>', `trainer: ${backendNames.join('|')} (default auto: the fastest available)`],
  ['--weights <list>', 'task weights: 2,1,1 in task order or click=2,like=1 (default 1 each)'],
  [
    '--max-runs <n>',
    'most proxy runs spent training groups of 3+ tasks (default: as many as the singles and pairs)',
  ],
  ['--method <name>', `how pairs are scored: ${methodHelp()}`],
  [
    '--aux <list>',
    'auxiliary tasks among --tasks: trained alongside to help the others (the main tasks), never scored; each network takes its best ones',
  ],
  [
    '--aux-balance <name>',
    `auxiliary gradients on the shared layers: ${auxBalanceHelp()} (default none)`,
  ],
  [
    '--exhaustive',
    'train every task subset (at most 12 tasks): the exact answer, and the yardstick for the others',
  ],
  ...networkOptions(),
  [
    '--no-verify',
    'train no group of 3+ tasks beyond the all-in-one network: the answer rests on the pair estimate',
  ],
  [
    '--new',
    'a new search even when the database holds one of the same data and study (by default that one answers: returned as stored when finished, else continued)',
  ],
  ['--json', 'print exactly one JSON document on stdout'],
  ['--quiet', 'no progress on stderr'],
];

/** The flags of the networks a search trains, and of its embedded columns. */
const networkOptions = (): [string, string][] => [
  ['--architecture <name>', `network of every run: ${architectureHelp()}`],
  ['--experts <n>', expertsHelp()],
  ['--embed <list>', embedHelp()],
  [
    '--no-mmoe-baseline',
    'train no MMoE over all tasks beside a shared-bottom search (by default one per seed, compared with the grouping)',
  ],
];

/** `taskgroup search`: flags are taken as strings and validated in src/config. */
export function searchCommand(): Command {
  const command = new Command('search').description(
    'train proxy networks on every task and pair, score transfer, find the best grouping',
  );
  for (const [flags, description, value] of searchOptions()) {
    command.addOption(
      value === undefined
        ? new Option(flags, description)
        : optionWithDefault(flags, description, value),
    );
  }
  return command.action(searchAction);
}

/** Validates the flags (src/config) before anything loads or is read, then runs the search. */
async function searchAction(
  flags: SearchFlags & OutputFlags & { db: string; new?: boolean },
): Promise<void> {
  const { new: fresh, ...rest } = flags;
  const config = resolveSearchConfig(rest);
  // Imported when the command runs, so that --help and the other commands never load them.
  const [{ runSearch }, { runWithOutput }] = await Promise.all([
    import('../pipeline/runSearch.js'),
    import('./searchOutput.js'),
  ]);
  await runWithOutput(flags, (hooks) => runSearch(config, flags.db, hooks, { fresh }));
}

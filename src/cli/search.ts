import { Command } from 'commander';
import { backendNames, forcedWorkerLimit, workersHelp } from '../config/runChoices.js';
import { resolveSearchConfig, type SearchFlags } from '../config/searchConfig.js';
import { studyLimits as L } from '../config/study.js';
import type { OutputFlags } from './searchOutput.js';

export const defaultDb = 'taskgroup.db';

/** `taskgroup search`: flags are taken as strings and validated in src/config. */
export function searchCommand(): Command {
  return new Command('search')
    .description('train proxy networks on every task and pair, score transfer, find the best grouping')
    .option('--data <file>', 'CSV file with one column per task and feature columns')
    .option('--tasks <list>', `task columns, e.g. click,like,watch_time:regression (2 to ${L.tasks})`)
    .option('--config <file>', 'JSON study config (features, exclude, weights, proxy settings); flags override it')
    .option('--features <list>', 'feature columns to use, comma-separated (default: every column that is not a task)')
    .option('--exclude <list>', 'columns to leave out of the features, e.g. an id or a leaked label')
    .option('--db <file>', 'SQLite database of runs and searches', defaultDb)
    .option('--budget <n>', 'most networks to serve (default: no limit)')
    .option('--workers <n>', workersHelp())
    .option('--force', `allow more --workers than this machine has cores (at most ${forcedWorkerLimit})`)
    .option('--redis <url>', 'train on a BullMQ queue in Redis, served by `taskgroup worker` processes (and --workers threads here, 0 for none)')
    .option('--seeds <n>', `seeds per run, for standard errors, 1 to ${L.seeds} (default 3)`)
    .option('--seed <n>', 'base seed of split, data order and initial weights, 0 to 2147483647 (default 0)')
    .option('--rows <n>', `most training rows a proxy run sees, 1 to ${L.rows} (default 20000)`)
    .option('--epochs <n>', `least epochs per proxy run, 1 to ${L.epochs} (default 4)`)
    .option('--min-steps <n>', `least optimiser steps per proxy run: small data gets more epochs, 0 to ${L.minSteps} (default 200)`)
    .option('--batch-size <n>', `proxy batch size, 1 to ${L.batchSize} (default 256)`)
    .option('--backend <name>', `trainer: ${backendNames.join('|')} (default auto: the fastest available)`)
    .option('--weights <list>', 'task weights: 2,1,1 in task order or click=2,like=1 (default 1 each)')
    .option('--max-runs <n>', 'most proxy runs spent training groups of 3+ tasks (default: as many as the singles and pairs)')
    .option('--method <name>', 'how pairs are scored: pairs (a run per pair), tag (one lookahead run per seed) or auto (default: pairs up to 60 tasks, tag above)')
    .option('--exhaustive', 'train every task subset (at most 12 tasks): the exact answer, and the yardstick for the others')
    .option('--no-verify', 'train no group of 3+ tasks beyond the all-in-one network: the answer rests on the pair estimate')
    .option('--json', 'print exactly one JSON document on stdout')
    .option('--quiet', 'no progress on stderr')
    .action(async (flags: SearchFlags & OutputFlags & { db: string }) => {
      const config = resolveSearchConfig(flags);
      // Imported when the command runs, so that --help and the other commands never load them.
      const [{ runSearch }, { runWithOutput }] = await Promise.all([import('../pipeline/runSearch.js'), import('./searchOutput.js')]);
      await runWithOutput(flags, (hooks) => runSearch(config, flags.db, hooks));
    });
}

import { Command } from 'commander';
import {
  backendNames,
  forcedWorkerLimit,
  resolveRunChoices,
  workersHelp,
  type RunFlags,
} from '../config/runChoices.js';
import { UsageError } from '../errors.js';
import { optionWithDefault } from './helpText.js';
import { defaultDb } from './search.js';
import type { OutputFlags } from './searchOutput.js';

/**
 * `taskgroup resume SEARCH_ID`: continue a stopped search; finished runs are reused. Workers and
 * backend are this machine's choice, not the stored search's.
 */
export function resumeCommand(): Command {
  return new Command('resume')
    .description('continue an interrupted search where it stopped')
    .argument('<searchId>', 'id printed by `taskgroup search` or listed by `taskgroup status`')
    .addOption(optionWithDefault('--db <file>', 'SQLite database of runs and searches', defaultDb))
    .option(
      '--data <file>',
      "the search's CSV file where it is now, if it moved (its bytes must be those the search started with)",
    )
    .option('--workers <n>', workersHelp())
    .option(
      '--force',
      `allow more --workers than this machine has cores (at most ${forcedWorkerLimit})`,
    )
    .option(
      '--redis <url>',
      'train on a BullMQ queue in Redis, served by `taskgroup worker` processes (and --workers threads here, 0 for none)',
    )
    .option(
      '--backend <name>',
      `trainer: ${backendNames.join('|')} (default auto: the fastest that computes the search's numbers)`,
    )
    .option('--json', 'print exactly one JSON document on stdout')
    .option('--quiet', 'no progress on stderr')
    .action(
      async (searchId: string, flags: OutputFlags & RunFlags & { db: string; data?: string }) => {
        if (flags.data === '')
          throw new UsageError('--data must name the CSV file where it is now');
        const choices = resolveRunChoices(flags);
        const [{ resumeSearch }, { runWithOutput }] = await Promise.all([
          import('../pipeline/runSearch.js'),
          import('./searchOutput.js'),
        ]);
        await runWithOutput(flags, (hooks) =>
          resumeSearch(searchId, flags.db, hooks, choices, flags.data),
        );
      },
    );
}

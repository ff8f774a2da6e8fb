import { Command } from 'commander';
import { resumeSearch } from '../pipeline/runSearch.js';
import { defaultDb } from './search.js';
import { runWithOutput, type OutputFlags } from './searchOutput.js';

/** `taskgroup resume SEARCH_ID`: continue a stopped search; finished runs are reused. */
export function resumeCommand(): Command {
  return new Command('resume')
    .description('continue an interrupted search where it stopped')
    .argument('<searchId>', 'id printed by `taskgroup search` or listed by `taskgroup status`')
    .option('--db <file>', 'SQLite database of runs and searches', defaultDb)
    .option('--json', 'print exactly one JSON document on stdout')
    .option('--quiet', 'no progress on stderr')
    .action(async (searchId: string, flags: OutputFlags & { db: string }) => {
      await runWithOutput(flags, (hooks) => resumeSearch(searchId, flags.db, hooks));
    });
}

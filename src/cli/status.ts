import { Command } from 'commander';
import type { SearchStatusView } from '../pipeline/inspect.js';
import { terminalText } from '../report/escape.js';
import { defaultDb } from './search.js';
import { textTable } from './summary.js';

const runsText = (view: SearchStatusView) =>
  `${view.runs.done}/${view.runs.total} done, ${view.runs.pending} pending, ${view.runs.running} running, ${view.runs.failed} failed`;

/** Names come from the user's CSV header: written so that none can act on the terminal. */
const groupText = (group: string[]) => `[${group.map(terminalText).join(', ')}]`;

function describe(view: SearchStatusView): string {
  const lines = [
    `search ${view.searchId}: ${view.status}`,
    `tasks: ${view.tasks.map(terminalText).join(', ')}`,
    `runs: ${runsText(view)}`,
    `elapsed: ${view.elapsedSec} s${view.etaSec === null ? '' : `, about ${view.etaSec} s left`}`,
    view.best
      ? `best grouping so far: ${view.best.grouping.map(groupText).join(' ')} (objective ${view.best.objective.toFixed(4)})`
      : 'best grouping so far: none yet (no single-task run has finished)',
  ];
  if (view.resume !== null) lines.push(`continue with: ${view.resume}`);
  return lines.join('\n') + '\n';
}

/** `taskgroup status [SEARCH_ID]`: one search in detail, or every search, newest first. Reads only. */
export function statusCommand(): Command {
  return new Command('status')
    .description('show the state of one search, or list every search in the database (reads it, never writes)')
    .argument('[searchId]', 'a search id (default: list all)')
    .option('--db <file>', 'SQLite database of runs and searches', defaultDb)
    .option('--json', 'print exactly one JSON document on stdout')
    .action(async (searchId: string | undefined, flags: { db: string; json?: boolean }) => {
      const { listSearches, searchStatus, withStore } = await import('../pipeline/inspect.js');
      const result = withStore(flags.db, (store) => (searchId ? searchStatus(store, searchId) : listSearches(store)));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else if (Array.isArray(result)) {
        process.stdout.write(
          result.length === 0
            ? 'no searches yet\n'
            : textTable(
                ['search', 'status', 'created', 'tasks', 'runs'],
                result.map((v) => [v.searchId, v.status, v.createdAt, v.error ? '?' : String(v.tasks.length), v.error ? 'unreadable' : `${v.runs.done}/${v.runs.total}`]),
              ) + '\n' + result.filter((v) => v.error).map((v) => `search ${v.searchId}: ${v.error}\n`).join(''),
        );
      } else {
        process.stdout.write(describe(result));
      }
    });
}

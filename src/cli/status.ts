import { Command } from 'commander';
import { databasePath } from '../config/parse.js';
import { parseRedisAddress } from '../config/redisAddress.js';
import type { SearchStatusView } from '../pipeline/inspect.js';
import { describeQueue } from './queueStatus.js';
import { shownText } from '../report/escape.js';
import { optionWithDefault } from './helpText.js';
import { defaultDb } from './search.js';
import { textTable } from './summary.js';

const runsText = (view: SearchStatusView) =>
  `${view.runs.done}/${view.runs.total} done, ${view.runs.pending} pending, ${view.runs.running} running, ${view.runs.failed} failed`;

/** Names come from the user's CSV header: written so that none can act on the terminal. */
const groupText = (group: string[]) => `[${group.map(shownText).join(', ')}]`;

function describe(view: SearchStatusView): string {
  const lines = [
    `search ${view.searchId}: ${view.status}`,
    `tasks: ${view.tasks.map(shownText).join(', ')}`,
    `data: ${shownText(view.dataFile)}`,
    `runs: ${runsText(view)}`,
    `elapsed: ${view.elapsedSec} s${view.etaSec === null ? '' : `, about ${view.etaSec} s left`}`,
    view.best
      ? `best grouping so far: ${view.best.grouping.map(groupText).join(' ')} (objective ${view.best.objective.toFixed(4)})`
      : 'best grouping so far: none yet (no single-task run has finished)',
  ];
  if (view.resume !== null) lines.push(`continue with: ${view.resume}`);
  // The id and the paths come from the database and the command line: shown, never acted on.
  return lines.map(shownText).join('\n') + '\n';
}

/** Every search as a table, then one line per search that could not be read. */
function listText(views: SearchStatusView[]): string {
  if (views.length === 0) return 'no searches yet\n';
  const rows = views.map((v) => [
    shownText(v.searchId),
    v.status,
    v.createdAt,
    v.error ? '?' : String(v.tasks.length),
    v.error ? 'unreadable' : `${v.runs.done}/${v.runs.total}`,
  ]);
  const unreadable = views
    .filter((v) => v.error)
    .map((v) => `${shownText(`search ${v.searchId}: ${v.error}`)}\n`);
  return (
    textTable(['search', 'status', 'created', 'tasks', 'runs'], rows) + '\n' + unreadable.join('')
  );
}

/** `taskgroup status [SEARCH_ID]`: one search in detail, or every search, newest first. Reads only. */
export function statusCommand(): Command {
  return new Command('status')
    .description(
      'show the state of one search, or list every search in the database (reads it, never writes)',
    )
    .argument('[searchId]', 'a search id (default: list all)')
    .addOption(optionWithDefault('--db <file>', 'SQLite database of runs and searches', defaultDb))
    .option('--json', 'print exactly one JSON document on stdout')
    .option(
      '--redis <url>',
      'also show the run queue on this Redis server: runs waiting and active, workers seen',
    )
    .action(
      async (
        searchId: string | undefined,
        flags: { db: string; json?: boolean; redis?: string },
      ) => {
        databasePath('--db', flags.db);
        const redis =
          flags.redis === undefined ? undefined : parseRedisAddress('--redis', flags.redis);
        // BullMQ and ioredis load only when the queue is asked about: status starts at once without.
        const queueLook =
          redis === undefined ? undefined : await import('../pipeline/queueInspect.js');
        const queueOnly =
          queueLook !== undefined && !searchId && !queueLook.databaseExists(flags.db);
        const { listSearches, searchStatus, withStore } = await import('../pipeline/inspect.js');
        const result = queueOnly
          ? []
          : withStore(flags.db, (store) =>
              searchId ? searchStatus(store, searchId) : listSearches(store),
            );
        const queue = redis && queueLook && (await queueLook.lookAtQueue(redis));
        if (flags.json) {
          const document = !queue
            ? result
            : Array.isArray(result)
              ? { searches: result, queue }
              : { ...result, queue };
          process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
          return;
        }
        if (queue) process.stdout.write(describeQueue(queue) + '\n');
        process.stdout.write(Array.isArray(result) ? listText(result) : describe(result));
      },
    );
}

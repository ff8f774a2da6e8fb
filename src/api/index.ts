/**
 * taskgroup as a library: `import { search, resume, solve, report } from 'taskgroup'`.
 *
 * The contracts are the command line's (docs/commands.md): `search` takes the
 * keys of a `--config` file and returns what `search --json` prints; `solve` takes solve's
 * flags and returns what `solve --json` prints; `report` returns the files `report --format`
 * writes. Bad input throws a UsageError (exitCode 2) whose one-line message names the option
 * (`config.budget`, `--table`) as the command line does; an internal error throws an
 * InternalError (exitCode 1). Modules are imported when a function is first called, as the
 * command line does, so importing the library loads none of them.
 */
import type { RunChoicesInput } from '../config/runChoices.js';
import type { SearchConfigInput } from '../config/searchOptions.js';
import type { SolveOptionsInput } from '../config/solveOptions.js';
import type { ReportOptionsInput } from '../config/reportOptions.js';
import type { ExecuteProgress } from '../pipeline/execute.js';
import type { SearchProgress } from '../pipeline/searchProgress.js';
import type { SolveReport } from '../pipeline/solveTable.js';
import type { ReportFile, ReportFormatName, ReportModel } from '../report/index.js';
import type { RunHooks, SearchRunHooks, SolveHooks } from './libraryOptions.js';

export {
  InternalError,
  InterruptedError,
  TaskgroupError,
  UsageError,
  type ErrorCode,
} from '../errors.js';
export { exampleData, exampleNames, type ExampleName } from './examples.js';
export type {
  ExecuteProgress,
  ReportFile,
  ReportFormatName,
  ReportModel,
  SearchProgress,
  SolveReport,
};

/**
 * The options of every function are inferred from the schemas that check them (src/config,
 * src/api/libraryOptions.ts), the same that check the command line's flags and `--config`
 * files: a type here cannot drift from what the function accepts.
 */

/** Options of `search` and `resume` that are not part of the study: `db` and the hooks. */
export type RunOptions = RunHooks;

/**
 * The keys of a `--config` file (docs/commands.md, `taskgroup search`), with the same defaults
 * and rules, and the run options: lists may be arrays or comma-separated strings; a task's type
 * may follow a colon (`watch_time:regression`); `weights` lists one number per task in order,
 * or names them.
 */
export type SearchOptions = SearchConfigInput & SearchRunHooks;

/** Options of `resume`: `workers` and `backend` as for search, and the run options. */
export type ResumeOptions = RunChoicesInput & RunOptions;

/** solve's flags (docs/solve.md): numbers may be given as numbers or strings; `signal` aborts. */
export type SolveOptions = SolveOptionsInput & SolveHooks;

/** `format` (required) and `db` of `report`. */
export type ReportOptions = ReportOptionsInput;

const defaultDb = 'taskgroup.db';

/** The hooks of a search: its stop flag raised when `signal` aborts, as the first Ctrl-C raises it. */
async function hooksOf(options: RunHooks) {
  const { StopFlag } = await import('../pipeline/protocol.js');
  const stop = new StopFlag();
  if (options.signal?.aborted) stop.raise();
  options.signal?.addEventListener('abort', () => stop.raise(), { once: true });
  return { stop, onProgress: options.onProgress, onWarning: options.onWarning };
}

/**
 * Runs a search (docs/how-the-search-decides.md); resolves to the `search --json` document.
 * Every option is checked before anything is read or written.
 */
export async function search(options: SearchOptions): Promise<ReportModel> {
  const [{ splitHooks }, { resolveConfigObject }, { runSearch }] = await Promise.all([
    import('./libraryOptions.js'),
    import('../config/searchConfig.js'),
    import('../pipeline/runSearch.js'),
  ]);
  const { hooks, rest } = splitHooks<SearchRunHooks>(
    options,
    'search',
    'config must be an object of search options',
  );
  const config = resolveConfigObject('config', rest);
  return runSearch(config, hooks.db ?? defaultDb, await hooksOf(hooks), { fresh: hooks.new });
}

/** Continues a stopped search, as `taskgroup resume`; `workers` and `backend` as for search. */
export async function resume(searchId: string, options: ResumeOptions = {}): Promise<ReportModel> {
  const [{ splitHooks, searchIdOf }, { resolveRunChoices }, { resumeSearch }] = await Promise.all([
    import('./libraryOptions.js'),
    import('../config/runChoices.js'),
    import('../pipeline/runSearch.js'),
  ]);
  const id = searchIdOf(searchId);
  const { hooks, rest } = splitHooks<RunHooks>(options, 'run', 'resume: options must be an object');
  const choices = resolveRunChoices({}, rest);
  return resumeSearch(id, hooks.db ?? defaultDb, await hooksOf(hooks), choices);
}

/** Chooses networks from a loss table, in a worker thread; resolves to the `solve --json` document. */
export async function solve(options: SolveOptions): Promise<SolveReport> {
  const [{ splitHooks }, { prepareSolve }, { solveInWorker }, { newStopFlag, raiseStop }] =
    await Promise.all([
      import('./libraryOptions.js'),
      import('../pipeline/solveTable.js'),
      import('../pipeline/solveInWorker.js'),
      import('../pipeline/protocol.js'),
    ]);
  const { hooks, rest } = splitHooks<SolveHooks>(
    options,
    'solve',
    'solve: options must be an object with a table',
  );
  const job = prepareSolve(rest, 'library');
  const stop = newStopFlag();
  const { signal } = hooks;
  if (signal?.aborted) raiseStop(stop);
  signal?.addEventListener('abort', () => raiseStop(stop), { once: true });
  return solveInWorker(job, stop);
}

/**
 * The report of a search in one format ('json', 'md', 'csv', 'html'): the files
 * `taskgroup report --format` writes, each with its name and content (csv gives several).
 */
export async function report(searchId: string, options: ReportOptions): Promise<ReportFile[]> {
  const [{ searchIdOf }, { resolveReportOptions }, { findFormat }, { loadReport, withStore }] =
    await Promise.all([
      import('./libraryOptions.js'),
      import('../config/reportOptions.js'),
      import('../report/index.js'),
      import('../pipeline/inspect.js'),
    ]);
  const id = searchIdOf(searchId);
  const { format, db = defaultDb } = resolveReportOptions(options, 'library');
  return findFormat(format)!.render(withStore(db, (store) => loadReport(store, id)));
}

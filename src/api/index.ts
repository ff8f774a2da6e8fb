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
import type { ExecuteProgress } from '../pipeline/execute.js';
import type { SolveReport } from '../pipeline/solveTable.js';
import type { ReportFile, ReportModel } from '../report/index.js';

export {
  InternalError,
  InterruptedError,
  TaskgroupError,
  UsageError,
  type ErrorCode,
} from '../errors.js';
export type { ExecuteProgress, ReportFile, ReportModel, SolveReport };

/** Options of `search` and `resume` that are not part of the study. */
export interface RunOptions {
  /** SQLite database of runs and searches (default `taskgroup.db` in the working directory). */
  db?: string;
  /** Progress of the runs, after each batch. */
  onProgress?: (progress: ExecuteProgress) => void;
  /** One-line warnings about the data (target leakage), as the command line prints them. */
  onWarning?: (message: string) => void;
  /**
   * Aborting stops the search as Ctrl-C does: no new run starts, the runs in flight finish and
   * are saved, and the promise rejects with an InterruptedError saying how to resume.
   */
  signal?: AbortSignal;
}

/**
 * The keys of a `--config` file (docs/commands.md, `taskgroup search`), with the same defaults and rules:
 * lists may be arrays or comma-separated strings; a task's type may follow a colon
 * (`watch_time:regression`); `weights` lists one number per task in order, or names them.
 */
export interface SearchOptions extends RunOptions {
  data: string;
  tasks: string | string[];
  features?: string | string[];
  exclude?: string | string[];
  weights?: string | number[] | Record<string, number>;
  budget?: number;
  seeds?: number;
  seed?: number;
  workers?: number;
  /** A trainer (`auto`, `wasm`, `node`, `cpu`, or a trainer's own name: docs/proxy-training.md, "Trainers"). */
  backend?: string;
  valFraction?: number;
  verify?: boolean;
  maxRuns?: number;
  exhaustive?: boolean;
  proxy?: {
    rows?: number;
    epochs?: number;
    minSteps?: number;
    batchSize?: number;
    learningRate?: number;
    bottom?: number[];
    tower?: number[];
  };
}

const defaultDb = 'taskgroup.db';

/** The hooks of a search: its stop flag raised when `signal` aborts, as the first Ctrl-C raises it. */
async function hooksOf(options: RunOptions) {
  const { StopFlag } = await import('../pipeline/protocol.js');
  const stop = new StopFlag();
  if (options.signal?.aborted) stop.raise();
  options.signal?.addEventListener('abort', () => stop.raise(), { once: true });
  return { stop, onProgress: options.onProgress, onWarning: options.onWarning };
}

/** Runs a search (docs/how-the-search-decides.md); resolves to the `search --json` document. */
export async function search(options: SearchOptions): Promise<ReportModel> {
  const { db = defaultDb, onProgress, onWarning, signal, ...config } = options;
  const [{ resolveConfigObject }, { runSearch }] = await Promise.all([
    import('../config/searchConfig.js'),
    import('../pipeline/runSearch.js'),
  ]);
  return runSearch(
    resolveConfigObject('config', config),
    db,
    await hooksOf({ onProgress, onWarning, signal }),
  );
}

/** Continues a stopped search, as `taskgroup resume`; `workers` and `backend` as for search. */
export async function resume(
  searchId: string,
  options: RunOptions & { workers?: number; backend?: string } = {},
): Promise<ReportModel> {
  const [{ resolveRunChoices }, { resumeSearch }] = await Promise.all([
    import('../config/runChoices.js'),
    import('../pipeline/runSearch.js'),
  ]);
  const choices = resolveRunChoices({}, { workers: options.workers, backend: options.backend });
  return resumeSearch(searchId, options.db ?? defaultDb, await hooksOf(options), choices);
}

/** solve's flags (docs/solve.md): numbers may be given as numbers or strings. */
export interface SolveOptions {
  table: string;
  mode?: 'partition' | 'overlap';
  budget?: number | string;
  hoa?: boolean;
  top?: number | string;
  weights?: string;
  timeLimit?: number | string;
  /** Aborting returns the best answer found so far with its proven gap (status 'interrupted'). */
  signal?: AbortSignal;
}

/** Chooses networks from a loss table, in a worker thread; resolves to the `solve --json` document. */
export async function solve(options: SolveOptions): Promise<SolveReport> {
  const { signal, ...flags } = options;
  const [{ prepareSolve }, { solveInWorker }, { newStopFlag, raiseStop }] = await Promise.all([
    import('../pipeline/solveTable.js'),
    import('../pipeline/solveInWorker.js'),
    import('../pipeline/protocol.js'),
  ]);
  const text = (value: number | string | undefined) =>
    value === undefined ? undefined : String(value);
  const job = prepareSolve({
    ...flags,
    mode: flags.mode ?? 'partition',
    budget: text(flags.budget),
    top: text(flags.top),
    timeLimit: text(flags.timeLimit),
  });
  const stop = newStopFlag();
  if (signal?.aborted) raiseStop(stop);
  signal?.addEventListener('abort', () => raiseStop(stop), { once: true });
  return solveInWorker(job, stop);
}

/**
 * The report of a search in one format ('json', 'md', 'csv', 'html'): the files
 * `taskgroup report --format` writes, each with its name and content (csv gives several).
 */
export async function report(
  searchId: string,
  options: { format: string; db?: string },
): Promise<ReportFile[]> {
  const [{ findFormat, reportFormats }, { loadReport, withStore }, { UsageError }] =
    await Promise.all([
      import('../report/index.js'),
      import('../pipeline/inspect.js'),
      import('../errors.js'),
    ]);
  const format = findFormat(options.format);
  if (!format)
    throw new UsageError(
      `--format must be one of ${reportFormats.map((f) => f.name).join(', ')} (got "${options.format}")`,
    );
  return format.render(withStore(options.db ?? defaultDb, (store) => loadReport(store, searchId)));
}

import * as v from 'valibot';
import { configKey, parseOptions, rule } from '../config/optionSchema.js';
import { boolean, databasePath, shown } from '../config/parse.js';
import { UsageError } from '../errors.js';
import type { SearchProgress } from '../pipeline/searchProgress.js';

/**
 * The library's options that the command line has no flag for (the hooks of a run) and its
 * `db`, declared as schemas like the rest (src/config/optionSchema.ts): the types of
 * `search()`, `resume()` and `solve()` are inferred from these and from the config's schemas.
 */

/** A function option, refused as what it is when it is not one (`onProgress: 5`). */
const callback = <F>(field: string) =>
  v.custom<F>(
    (value) => typeof value === 'function',
    (issue) => `${field} must be a function (got ${shown(issue.input)})`,
  );

const abortSignal = (field: string) =>
  v.custom<AbortSignal>(
    (value) => value instanceof AbortSignal,
    (issue) =>
      `${field} must be an AbortSignal, e.g. new AbortController().signal (got ${shown(issue.input)})`,
  );

/** `db`, the progress and warning callbacks, and the abort signal of a search or a resume. */
const runHookEntries = {
  /** SQLite database of runs and searches (default `taskgroup.db` in the working directory). */
  db: v.optional(rule<string, string>(configKey('db'), databasePath)),
  /**
   * Progress of the runs, after each batch: every round so far (`total` only grows as
   * verification rounds plan runs) and, in `stage`, the round in progress.
   */
  onProgress: v.optional(callback<(progress: SearchProgress) => void>(configKey('onProgress'))),
  /** One-line warnings about the data (target leakage), as the command line prints them. */
  onWarning: v.optional(callback<(message: string) => void>(configKey('onWarning'))),
  /**
   * Aborting stops the search as Ctrl-C does: no new run starts, the runs in flight finish and
   * are saved, and the promise rejects with an InterruptedError saying how to resume.
   */
  signal: v.optional(abortSignal(configKey('signal'))),
};
const runHooksSchema = v.object(runHookEntries);
export type RunHooks = v.InferInput<typeof runHooksSchema>;

const solveHooksSchema = v.object({ signal: v.optional(abortSignal('signal')) });
export type SolveHooks = v.InferInput<typeof solveHooksSchema>;

/** `search` also takes `new`, as `search --new`. */
const searchHooksSchema = v.object({
  ...runHookEntries,
  /** A new search even when the database holds one of the same data and study (see `--new`). */
  new: v.optional(rule<boolean, boolean>(configKey('new'), boolean)),
});
export type SearchRunHooks = v.InferInput<typeof searchHooksSchema>;

const hookSchemas = { search: searchHooksSchema, run: runHooksSchema, solve: solveHooksSchema };

/**
 * Splits the library's options into the hooks (validated here) and the rest (validated by the
 * command's own schema, which refuses unknown keys). `what` names the object when it is not one.
 */
export function splitHooks<H extends SearchRunHooks | RunHooks | SolveHooks>(
  options: unknown,
  kind: keyof typeof hookSchemas,
  notObject: string,
): { hooks: H; rest: Record<string, unknown> } {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new UsageError(`${notObject} (got ${shown(options)})`);
  const schema = hookSchemas[kind];
  const keys = Object.keys(schema.entries);
  const given = options as Record<string, unknown>;
  const pick = (wanted: boolean) =>
    Object.fromEntries(Object.entries(given).filter(([key]) => keys.includes(key) === wanted));
  return { hooks: parseOptions(schema, pick(true)) as H, rest: pick(false) };
}

/** A search id, as `search` returned it (`searchId`) or `status` lists it. */
export const searchIdOf = (value: unknown): string =>
  parseOptions(
    v.pipe(
      v.string(
        (issue) => `searchId must be a search id such as "9eb494c9" (got ${shown(issue.input)})`,
      ),
      v.nonEmpty(`searchId must be a search id such as "9eb494c9" (got "")`),
    ),
    value,
  );

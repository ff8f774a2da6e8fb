/**
 * The search methods, listed once. The config validates `--method` and resolves `auto` here,
 * `--help` and the docs derive from the list, and nothing else branches on a method's name.
 * Adding a method: one file beside these, one line in `searchMethods` (docs/architecture.md).
 */
import { InternalError } from '../../errors.js';
import { pairsMethod } from './pairs.js';
import type { SearchMethod } from './searchMethod.js';
import { tagMethod } from './tag.js';

export type { Lookahead, PairSources, SearchMethod } from './searchMethod.js';

export const searchMethods = Object.freeze([pairsMethod, tagMethod] as const);

/** One of the listed methods, with its name's literal type. */
export type ListedMethod = (typeof searchMethods)[number];

/** A method's name, as a study stores it. */
export type MethodName = ListedMethod['name'];

/** Every method's name, in the list's order. */
export const methodNames: readonly MethodName[] = Object.freeze(searchMethods.map((m) => m.name));

/** `--method auto` (the default): the method chosen by the number of tasks. */
export const AUTO = 'auto';

/** What `--method` accepts: every method's name, then `auto`. */
export const methodChoices: readonly string[] = Object.freeze([...methodNames, AUTO]);

/**
 * Most tasks `--method auto` scores by pair runs; above it, by one lookahead run per seed.
 * Measured by bench:scale on planted clusters (docs/how-the-search-decides.md, "Many
 * objectives"): at 60 tasks the pair method trains 5,631 runs in 462 s and recovers the
 * clusters exactly (ARI 1.00), the tag method 363 runs in 53 s with ARI 0.77. So pairs are kept
 * while they fit the 10-minute budget of a 60-task search on 2 cores; past it their n² runs
 * (15,150 at 100 tasks) do not, and the tag search stays linear (1,203 runs, about 6 minutes at
 * 200 tasks). An exhaustive search trains every pair anyway: it takes pairs.
 */
export const AUTO_PAIRS_TASKS = 60;

/** The method called `name`; an unknown name is a bug of ours (names are validated on entry). */
export const methodNamed = (name: string): SearchMethod => listed(name);

function listed(name: string): ListedMethod {
  const method = searchMethods.find((m) => m.name === name);
  if (!method) throw new InternalError(`no search method is called "${name}"`);
  return method;
}

/**
 * The method `--method choice` stands for, `auto` resolved for `taskCount` tasks: with
 * auxiliary tasks (`auxiliary`), the first listed method that can weigh them; pairs where the
 * tag method's lookahead cannot measure the runs' network (`lookahead` false: an MMoE).
 */
export function resolveMethod(
  choice: string,
  taskCount: number,
  exhaustive: boolean,
  study: { auxiliary?: boolean; lookahead?: boolean } = {},
): ListedMethod {
  if (choice !== AUTO) return listed(choice);
  if (study.auxiliary) return searchMethods.find((m) => 'auxiliary' in m) ?? pairsMethod;
  const pairs = taskCount <= AUTO_PAIRS_TASKS || exhaustive || study.lookahead === false;
  return pairs ? pairsMethod : tagMethod;
}

/** Why `method` cannot decide a study, in one clause (its own refusal, or auxiliaries it cannot weigh). */
export function methodRefusal(
  method: SearchMethod,
  taskCount: number,
  exhaustive: boolean,
  auxiliary: boolean,
): string | undefined {
  const own = method.refusal(taskCount, exhaustive);
  if (own !== undefined || !auxiliary || method.auxiliary) return own;
  const able = searchMethods.filter((m) => 'auxiliary' in m).map((m) => m.name);
  return `cannot weigh auxiliary tasks (--aux); use --method ${[...able, AUTO].join(' or ')}`;
}

/** `--method`'s help: each method in a few words, and what `auto` picks. */
export const methodHelp = (): string =>
  `${searchMethods.map((m) => `${m.name} (${m.help})`).join(', ')} or ${AUTO} (default: ` +
  `${pairsMethod.name} up to ${AUTO_PAIRS_TASKS} tasks, ${tagMethod.name} above)`;

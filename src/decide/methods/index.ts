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
 * Most tasks `--method auto` scores by pair runs; above it, by one lookahead run per seed and
 * the pairs that decide. Measured (docs/how-the-search-decides.md, "Lookahead affinities"):
 * up to 12 tasks the tag search trains as many runs as the pair search or more (66-147 against
 * 84-138 at 6-8 tasks, 291 against about 280 at 12), and the pair search regrets no more against
 * the exhaustive truth (0.00 % against 0.17 % on a 12-task insurance table). Above, the tag
 * search answers with the pair search's measured objective on planted clusters at 20, 40 and 60
 * tasks for half, a sixth and a tenth of its runs (324 against 651, 456 against 2,556, 588
 * against 5,631), and stays near-linear to 200 tasks. An exhaustive search trains every pair
 * anyway: it takes pairs.
 */
export const AUTO_PAIRS_TASKS = 12;

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

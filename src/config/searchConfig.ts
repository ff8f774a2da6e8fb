import { readFileSync } from 'node:fs';
import { fileProblem, UsageError } from '../errors.js';
import { mayTrainOnKernels } from '../proxy/trainers/names.js';
import type { ProxySettings } from '../proxy/types.js';
import { configKey, flagName, parseOptions, type Namer } from './optionSchema.js';
import { shown, weightList } from './parse.js';
import { runChoicesOf, runDefaults, type RunChoices, type RunFlags } from './runChoices.js';
import {
  methodChoices,
  requiredMessages,
  searchConfigSchema,
  searchOptionsSchema,
  searchFlagsSchema,
  type SearchConfigParsed,
} from './searchOptions.js';
import {
  autoMethod,
  MAX_EXHAUSTIVE_TASKS,
  studyDefaults,
  type SearchMethod,
  type Study,
} from './study.js';

/** A search as its command line resolved it: the study, and this machine's choices for running it. */
export type SearchConfig = Study & RunChoices;

/** The defaults of every setting of `search`. */
export const searchDefaults = Object.freeze({ ...studyDefaults, ...runDefaults });

/** Flags as commander hands them over: strings, or undefined when absent. */
export interface SearchFlags extends RunFlags {
  data?: string;
  tasks?: string;
  config?: string;
  budget?: string;
  seeds?: string;
  seed?: string;
  rows?: string;
  epochs?: string;
  minSteps?: string;
  batchSize?: string;
  weights?: string;
  /** commander's `--no-verify`: false when given, else true or undefined. */
  verify?: boolean;
  maxRuns?: string;
  exhaustive?: boolean;
  method?: string;
  features?: string;
  exclude?: string;
}

/** Reads a `--config` JSON file, checked by the search options' schema (unknown keys are errors). */
export function readConfigFile(file: string): SearchConfigParsed {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw (
      fileProblem(`--config ${file}`, error, 'read it') ??
      new UsageError(`--config ${file}: no such file or not readable`)
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--config ${file}: not valid JSON (${(error as Error).message})`);
  }
  return parseOptions(searchConfigSchema(`--config ${file}`), parsed);
}

/** Merges flags over the config file over the defaults, validating every field at this boundary. */
export function resolveSearchConfig(flags: SearchFlags): SearchConfig {
  const file = flags.config ? readConfigFile(flags.config) : {};
  const given = parseOptions(searchFlagsSchema(), flags);
  // commander's --no-verify is true unless given, and --exhaustive undefined unless given.
  const { verify, exhaustive, rows, epochs, minSteps, batchSize, db: _db, ...rest } = given;
  const fromFlags: SearchConfigParsed = {
    ...definedOf(rest),
    ...(verify === false && { verify }),
    ...(exhaustive === true && { exhaustive }),
    proxy: definedOf({ rows, epochs, minSteps, batchSize }),
  };
  const merged = { ...file, ...fromFlags, proxy: { ...file.proxy, ...fromFlags.proxy } };
  const study = resolveStudy(merged, flagName);
  const choices = runChoicesOf(merged, flags.force === true, flags.redis);
  if (study.method === 'tag' && !mayTrainOnKernels(choices.backend)) {
    throw new UsageError(
      `--backend ${choices.backend}: --method tag trains its lookahead runs on taskgroup's kernels; use --backend wasm or auto`,
    );
  }
  return { ...study, ...choices };
}

/** The entries whose value is given: a flag left out does not hide the config file's value. */
const definedOf = <T extends object>(values: T): Partial<T> =>
  Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;

/**
 * A search from a config object alone, with the keys and rules of a `--config` file: what the
 * library's `search()` takes (src/api). `where` names the object in messages.
 */
export function resolveConfigObject(where: string, config: unknown): SearchConfig {
  const parsed = parseOptions(
    searchOptionsSchema(
      where,
      `${where} must be an object of search options (got ${shown(config)})`,
    ),
    config,
  );
  return { ...resolveStudy(parsed, configKey), ...runChoicesOf(parsed, false) };
}

/** The study from the merged options; `name` says what to call a missing one. */
function resolveStudy(options: SearchConfigParsed, name: Namer): Study {
  const { data: dataFile, tasks } = options;
  const required = requiredMessages(name);
  if (dataFile === undefined) throw new UsageError(required.data);
  if (tasks === undefined) throw new UsageError(required.tasks);
  const names = tasks.map((t) => t.name);
  const d = studyDefaults;
  const exhaustive = exhaustiveOf(options.exhaustive ?? d.exhaustive, tasks.length);
  return {
    dataFile,
    tasks,
    features: options.features,
    exclude: options.exclude,
    weights: options.weights
      ? weightList(options.weights.field, options.weights.value, names)
      : names.map(() => 1),
    budget: options.budget ?? d.budget,
    seeds: options.seeds ?? d.seeds,
    seed: options.seed ?? d.seed,
    valFraction: options.valFraction ?? d.valFraction,
    verify: options.verify ?? d.verify,
    maxRuns: options.maxRuns ?? d.maxRuns,
    exhaustive,
    method: methodOf(options.method ?? 'auto', tasks.length, exhaustive),
    proxy: proxyOf(options.proxy),
  };
}

/** `--exhaustive` trains all 2^n − 1 subsets: refused past MAX_EXHAUSTIVE_TASKS, saying why. */
function exhaustiveOf(exhaustive: boolean, taskCount: number): boolean {
  if (exhaustive && taskCount > MAX_EXHAUSTIVE_TASKS) {
    const subsets = 2 ** taskCount - 1;
    throw new UsageError(
      `--exhaustive trains every one of the 2^n − 1 task subsets: ${subsets} for ${taskCount} tasks; it takes at most ${MAX_EXHAUSTIVE_TASKS} tasks (${2 ** MAX_EXHAUSTIVE_TASKS - 1} subsets)`,
    );
  }
  return exhaustive;
}

/**
 * `--method pairs|tag|auto`, stored resolved: `auto` (the default) is `pairs` up to
 * AUTO_PAIRS_TASKS tasks and `tag` above. An exhaustive search trains every subset, pairs
 * included, so it takes `pairs` only; `tag` needs an all-tasks network of 3 or more tasks.
 */
function methodOf(
  method: (typeof methodChoices)[number],
  taskCount: number,
  exhaustive: boolean,
): SearchMethod {
  if (method === 'auto') return exhaustive ? 'pairs' : autoMethod(taskCount);
  if (method === 'tag' && exhaustive)
    throw new UsageError(
      '--method tag: an exhaustive search trains every subset; use --method pairs or auto',
    );
  if (method === 'tag' && taskCount < 3)
    throw new UsageError(
      `--method tag: needs at least 3 tasks (got ${taskCount}); use --method pairs`,
    );
  return method;
}

/** Each proxy setting given, over its default (layer lists copied: the defaults stay frozen). */
const proxyOf = (given: SearchConfigParsed['proxy']): ProxySettings => {
  const d = studyDefaults.proxy;
  return { ...d, bottom: [...d.bottom], tower: [...d.tower], ...definedOf(given ?? {}) };
};

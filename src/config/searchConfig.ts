import { UsageError } from '../errors.js';
import {
  AUTO,
  methodChoices,
  methodHelp,
  methodNamed,
  resolveMethod,
  type MethodName,
} from '../decide/methods/index.js';
import { capabilityRefusal } from '../proxy/trainers/capabilities.js';
import type { ProxySettings } from '../proxy/types.js';
import { checkConfigKeys, readConfigFile } from './configFile.js';
import {
  boolean,
  flagOrFile,
  fraction,
  nonNegativeInt,
  oneOf,
  positiveInt,
  stringList,
  taskList,
  weightList,
} from './parse.js';
import { resolveRunChoices, runDefaults, type RunChoices, type RunFlags } from './runChoices.js';
import {
  MAX_EXHAUSTIVE_TASKS,
  proxyFields,
  seedCount,
  studyDefaults,
  studyLimits,
  type Study,
} from './study.js';

export { methodHelp };

/** A search as its command line resolved it: the study, and this machine's choices for running it. */
export type SearchConfig = Study & RunChoices;

/** The study of a search config: what is stored with the search and defines its result. */
export const studyOf = ({ workers, backend, redis, ...study }: SearchConfig): Study => study;

/** This machine's choices of a search config: how it runs, never stored. */
export const choicesOf = ({ workers, backend, redis }: SearchConfig): RunChoices => ({
  workers,
  backend,
  ...(redis && { redis }),
});

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

/** The proxy settings that have a flag, and its name. */
const proxyFlags: Partial<Record<keyof ProxySettings, keyof SearchFlags>> = {
  rows: 'rows',
  epochs: 'epochs',
  minSteps: 'minSteps',
  batchSize: 'batchSize',
};
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Merges flags over the config file over the defaults, validating every field at this boundary. */
export function resolveSearchConfig(flags: SearchFlags): SearchConfig {
  const file = flags.config ? readConfigFile(flags.config) : {};
  return searchConfig(resolveStudy(flags, file), resolveRunChoices(flags, file));
}

/**
 * A search from a config object alone, with the keys and rules of a `--config` file: what the
 * library's `search()` takes (src/api). `where` names the object in messages.
 */
export function resolveConfigObject(where: string, config: unknown): SearchConfig {
  const file = checkConfigKeys(where, config);
  return searchConfig(resolveStudy({}, file), resolveRunChoices({}, file));
}

/**
 * The study with this machine's choices, once the trainers `--backend` stands for are known to
 * do what the study's method needs (a `tag` search's lookahead: proxy/trainers/capabilities.ts),
 * so a backend that cannot is refused with both flags before anything is read.
 */
function searchConfig(study: Study, choices: RunChoices): SearchConfig {
  const refusal = capabilityRefusal(choices.backend, methodNamed(study.method).needs);
  if (refusal !== undefined)
    throw new UsageError(`--backend ${choices.backend}: --method ${study.method} ${refusal}`);
  return { ...study, ...choices };
}

function resolveStudy(flags: SearchFlags, file: Record<string, unknown>): Study {
  const dataFile = flags.data ?? file.data;
  if (typeof dataFile !== 'string' || dataFile === '')
    throw new UsageError('--data is required (the CSV file to learn from)');
  const tasksValue = flags.tasks ?? file.tasks;
  if (tasksValue === undefined)
    throw new UsageError('--tasks is required (e.g. --tasks click,like,watch_time)');
  const tasks = flagOrFile(flags.tasks, file.tasks, 'tasks', taskList, []);
  // Refused here, before the data is read or a run planned: the grouping solver's limit.
  if (tasks.length > studyLimits.tasks) {
    throw new UsageError(
      `${flags.tasks === undefined ? 'config.tasks' : '--tasks'} lists ${tasks.length} tasks; a search handles at most ${studyLimits.tasks}`,
    );
  }
  const names = tasks.map((t) => t.name);
  const d = studyDefaults;
  return {
    dataFile,
    tasks,
    features: optionalColumns(flags.features, file.features, 'features'),
    exclude: optionalColumns(flags.exclude, file.exclude, 'exclude'),
    weights: flagOrFile(
      flags.weights,
      file.weights,
      'weights',
      (f, v) => weightList(f, v, names),
      names.map(() => 1),
    ),
    budget: flagOrFile<number | null>(flags.budget, file.budget, 'budget', positiveInt, d.budget),
    seeds: flagOrFile(flags.seeds, file.seeds, 'seeds', seedCount, d.seeds),
    seed: flagOrFile(flags.seed, file.seed, 'seed', nonNegativeInt, d.seed),
    valFraction: flagOrFile(undefined, file.valFraction, 'valFraction', fraction, d.valFraction),
    verify:
      flags.verify === false
        ? false
        : flagOrFile(undefined, file.verify, 'verify', boolean, d.verify),
    maxRuns: flagOrFile<number | null>(
      flags.maxRuns,
      file.maxRuns,
      'max-runs|maxRuns',
      positiveInt,
      d.maxRuns,
    ),
    exhaustive: exhaustiveOf(flags, file, tasks.length),
    method: methodOf(
      flags,
      file,
      tasks.length,
      flags.exhaustive === true || file.exhaustive === true,
    ),
    proxy: resolveProxy(flags, (file.proxy ?? {}) as Record<string, unknown>),
  };
}

/** An optional list of columns, from the flag or the config file. */
const optionalColumns = (
  flag: string | undefined,
  value: unknown,
  field: string,
): string[] | undefined =>
  flagOrFile<string[] | undefined>(flag, value, field, columnList, undefined);

/** Column names: a list in the config file, or comma-separated on the command line. */
function columnList(field: string, value: unknown): string[] {
  return stringList(
    field,
    typeof value === 'string' ? value.split(',').map((name) => name.trim()) : value,
  );
}

/** `--exhaustive` trains all 2^n − 1 subsets: refused past MAX_EXHAUSTIVE_TASKS, saying why. */
function exhaustiveOf(
  flags: SearchFlags,
  file: Record<string, unknown>,
  taskCount: number,
): boolean {
  const exhaustive =
    flags.exhaustive === true ||
    flagOrFile(undefined, file.exhaustive, 'exhaustive', boolean, studyDefaults.exhaustive);
  if (exhaustive && taskCount > MAX_EXHAUSTIVE_TASKS) {
    const subsets = 2 ** taskCount - 1;
    throw new UsageError(
      `--exhaustive trains every one of the 2^n − 1 task subsets: ${subsets} for ${taskCount} tasks; it takes at most ${MAX_EXHAUSTIVE_TASKS} tasks (${2 ** MAX_EXHAUSTIVE_TASKS - 1} subsets)`,
    );
  }
  return exhaustive;
}

/**
 * `--method NAME|auto`, stored resolved: `auto` (the default) is resolved by the methods'
 * registry (decide/methods/index.ts) for the number of tasks and an exhaustive search. A
 * method that cannot decide this study says why (decide/methods: its refusal).
 */
function methodOf(
  flags: SearchFlags,
  file: Record<string, unknown>,
  taskCount: number,
  exhaustive: boolean,
): MethodName {
  const choice = flagOrFile(
    flags.method,
    file.method,
    'method',
    (f, v) => oneOf(f, v, methodChoices),
    AUTO,
  );
  const method = resolveMethod(choice, taskCount, exhaustive);
  const refusal = method.refusal(taskCount, exhaustive);
  if (refusal !== undefined) throw new UsageError(`--method ${method.name}: ${refusal}`);
  return method.name;
}

/** Each proxy setting from its flag (if it has one), else `proxy.KEY` of the file, else its default. */
function resolveProxy(flags: SearchFlags, file: Record<string, unknown>): ProxySettings {
  const entries = Object.entries(proxyFields).map(([key, parse]) => {
    const flag = proxyFlags[key as keyof ProxySettings];
    const value = flag === undefined ? undefined : (flags[flag] as string | undefined);
    const fallback = studyDefaults.proxy[key as keyof ProxySettings];
    return [
      key,
      flagOrFile(
        value,
        file[key],
        `${kebab(flag ?? key)}|proxy.${key}`,
        parse,
        typeof fallback === 'number' ? fallback : [...fallback],
      ),
    ];
  });
  return Object.fromEntries(entries) as unknown as ProxySettings;
}

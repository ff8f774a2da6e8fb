import * as v from 'valibot';
import type { EmbeddedColumn } from '../data/types.js';
import { AUTO, methodNames, type MethodName } from '../decide/methods/index.js';
import { UsageError } from '../errors.js';
import { parseAuxBalance, type AuxBalance, type AuxBalanceText } from '../proxy/balance/index.js';
import { architectureNames, MMOE } from '../proxy/architectures/names.js';
import { isBackendName, mainBackendNames, type BackendName } from '../proxy/trainers/names.js';
import {
  blamed,
  choice,
  configKey,
  flagName,
  knownKeys,
  rule,
  type Blamed,
  type Namer,
} from './optionSchema.js';
import {
  boolean,
  databasePath,
  fraction,
  intList,
  integerInRange,
  nonNegativeInt,
  oneOf,
  positiveInt,
  positiveNumber,
  stringList,
  taskList,
  type TaskRequest,
} from './parse.js';
import { embedList, type EmbedInput } from './embedOption.js';
import { seedCount, studyLimits as L } from './study.js';

/**
 * The options of a search, declared once: the keys of a `--config` file and of the library's
 * `search()`, and (the same entries under their flag names) `search`'s flags. Each entry is a
 * schema built with the name messages give it.
 *
 * A new option is one entry in `studyEntries` below (or `proxyEntries` for a proxy setting), e.g.
 *   architecture: v.optional(choice(name('architecture'), architectures)),
 * which makes it a config key and a library option with its literal type, and, once
 * src/cli/search.ts declares the flag for --help, a validated flag. Then: its default in
 * study.ts `studyDefaults` and its field in `Study`, taken in searchConfig.ts `resolveStudy`;
 * when it changes the result, read back from the stored study in studyRecord.ts (an older
 * record, without it, is read with the default); a line in the suite's consumer type test.
 */

/** `--method`: the methods' names (decide/methods), and `auto` (resolved by the task count). */
export type MethodChoice = MethodName | typeof AUTO;
const methodChoices: readonly MethodChoice[] = Object.freeze([...methodNames, AUTO]);

/** A list of names, as a list or comma-separated. */
const names = (field: string) => rule<string | string[], string[]>(field, stringList);
const layers = (field: string) =>
  rule<number[], number[]>(field, (f, value) => intList(f, value, L.layers, L.layerWidth));
const integer = (field: string, min: number, max?: number) =>
  rule<number, number>(field, (f, value) => integerInRange(f, value, min, max));

/** Proxy settings: `proxy.KEY` in a config file; `rows`, `epochs`, `minSteps`, `batchSize` are also flags. */
export const proxyEntries = (name: Namer) => ({
  rows: v.optional(integer(name('rows'), 1, L.rows)),
  epochs: v.optional(integer(name('epochs'), 1, L.epochs)),
  minSteps: v.optional(integer(name('minSteps'), 0, L.minSteps)),
  batchSize: v.optional(integer(name('batchSize'), 1, L.batchSize)),
  learningRate: v.optional(rule<number, number>(name('learningRate'), positiveNumber)),
  bottom: v.optional(layers(name('bottom'))),
  tower: v.optional(layers(name('tower'))),
});

/** The proxy settings that have a flag (the others are config keys only). */
const proxyFlags = ['rows', 'epochs', 'minSteps', 'batchSize'] as const;

/** A task list, within what the grouping solver takes: refused before the data is read. */
function tasksOf(field: string, value: unknown): TaskRequest[] {
  const tasks = taskList(field, value);
  if (tasks.length > L.tasks)
    throw new UsageError(
      `${field} lists ${tasks.length} tasks; a search handles at most ${L.tasks}`,
    );
  return tasks;
}

/** A name `--backend` accepts; a bad one is told the main names (auto, node, wasm, cpu). */
const backendOf = (field: string, value: unknown): BackendName =>
  isBackendName(value) ? value : (oneOf(field, value, mainBackendNames) as BackendName);

/** The data file and the tasks: required by the library, from a flag or the config file on the command line. */
const requiredEntries = (name: Namer) => ({
  data: rule<string, string>(name('data'), dataFileOf),
  tasks: rule<string | string[], TaskRequest[]>(name('tasks'), tasksOf),
});

/** What their absence says. */
export const requiredMessages = (name: Namer) => ({
  data: `${name('data')} is required (the CSV or Parquet file to learn from)`,
  tasks: `${name('tasks')} is required (e.g. --tasks click,like,watch_time)`,
});

/** What defines a search's result (study.ts) but the data and tasks, and how this machine runs it (workers, backend). */
export const studyEntries = (name: Namer) => ({
  features: v.optional(names(name('features'))),
  exclude: v.optional(names(name('exclude'))),
  /** Checked against the tasks once both are known. */
  weights: v.optional(blamed<string | number[] | Record<string, number>>(name('weights'))),
  budget: v.optional(rule<number, number>(name('budget'), positiveInt)),
  seeds: v.optional(rule<number, number>(name('seeds'), seedCount)),
  seed: v.optional(rule<number, number>(name('seed'), nonNegativeInt)),
  valFraction: v.optional(rule<number, number>(name('valFraction'), fraction)),
  verify: v.optional(rule<boolean, boolean>(name('verify'), boolean)),
  maxRuns: v.optional(rule<number, number>(name('maxRuns'), positiveInt)),
  exhaustive: v.optional(rule<boolean, boolean>(name('exhaustive'), boolean)),
  method: v.optional(choice(name('method'), methodChoices)),
  /** Checked against the tasks once both are known (auxiliaryRoles.ts). */
  aux: v.optional(names(name('aux'))),
  auxBalance: v.optional(rule<AuxBalanceText, AuxBalance>(name('auxBalance'), parseAuxBalance)),
  /** The network of every run (proxy/architectures): shared-bottom (default) or mmoe. */
  architecture: v.optional(choice(name('architecture'), architectureNames)),
  /** An MMoE's experts: `--architecture mmoe`'s, or the MMoE baseline's (default 4). */
  experts: v.optional(integer(name('experts'), 1, MMOE.expertsMax)),
  /** The widths of each expert's layers (default: the bottom's). */
  expertLayers: v.optional(layers(name('expertLayers'))),
  /** One MMoE over every task per seed beside a shared-bottom search (default true). */
  mmoeBaseline: v.optional(rule<boolean, boolean>(name('mmoeBaseline'), boolean)),
  /** Columns learned as embedding tables (data/embedColumns.ts). */
  embed: v.optional(rule<EmbedInput, EmbeddedColumn[]>(name('embed'), embedList)),
  /** Checked against `--force` and `--redis` once both are known (runChoices.ts). */
  workers: v.optional(blamed<number>(name('workers'))),
  backend: v.optional(rule<BackendName, BackendName>(name('backend'), backendOf)),
});

/** Every option, `data` and `tasks` optional (a flag may give what the config file leaves out). */
const optionalEntries = (name: Namer) => {
  const { data, tasks } = requiredEntries(name);
  return { data: v.optional(data), tasks: v.optional(tasks), ...studyEntries(name) };
};

function dataFileOf(field: string, value: unknown): string {
  if (typeof value !== 'string' || value === '')
    throw new UsageError(`${field} must name the data file, CSV or Parquet`);
  return value;
}

const proxySchema = (where: string) =>
  knownKeys(
    proxyEntries((key) => configKey(`proxy.${key}`)),
    { where, prefix: 'proxy.', notObject: `${where}: "proxy" must be an object` },
  );

/** A `--config` file: `where` names it (`--config FILE`). */
export const searchConfigSchema = (where: string) =>
  knownKeys({ ...optionalEntries(configKey), proxy: v.optional(proxySchema(where)) }, { where });

/**
 * The library's options of a search: the keys of a config file, `data` and `tasks` required.
 * `where` names the object (`config`); `notObject` is said when it is not an object.
 */
export const searchOptionsSchema = (where: string, notObject?: string) =>
  knownKeys(
    {
      ...requiredEntries(configKey),
      ...studyEntries(configKey),
      proxy: v.optional(proxySchema(where)),
    },
    { where, notObject, required: requiredMessages(configKey) },
  );

/** `--db` of every command that opens the database (its default is taskgroup.db). */
export const databaseFlag = v.optional(rule<string, string>('--db', databasePath));

/** `search`'s flags, under their flag names; commander's other flags (--db, --json) pass by. */
export const searchFlagsSchema = () => {
  const proxy = proxyEntries(flagName);
  return v.object({
    ...optionalEntries(flagName),
    ...Object.fromEntries(proxyFlags.map((key) => [key, proxy[key]])),
    db: databaseFlag,
  } as ReturnType<typeof optionalEntries> &
    Pick<typeof proxy, (typeof proxyFlags)[number]> & { db: typeof databaseFlag });
};

/** The options as the library's types show them (`SearchOptions` of the package). */
export type SearchConfigInput = v.InferInput<ReturnType<typeof searchOptionsSchema>>;
export type SearchConfigParsed = v.InferOutput<ReturnType<typeof searchConfigSchema>>;
export type SearchFlagsParsed = v.InferOutput<ReturnType<typeof searchFlagsSchema>>;
export type { Blamed };

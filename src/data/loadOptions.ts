import { UsageError } from '../errors.js';
import { resolveEmbed, type EmbedOption } from './embedColumns.js';
import { TASK_TYPES, type EmbeddedColumn, type TaskType } from './types.js';

export type { EmbedOption };

/** What to load and how to encode it. Everything but `file` and `tasks` has a default. */
export interface LoadOptions {
  file: string;
  /** Task columns, in the order of the label columns of the encoded dataset. */
  tasks: { name: string; type?: TaskType }[];
  /** Feature columns; default every column that is not a task. */
  features?: string[];
  /** Columns to drop from the features. */
  exclude?: string[];
  /** Share of rows held out for validation; default 0.2. */
  valFraction?: number;
  /** Seed of the train/validation split; default 0. The split is a pure function of (row, seed). */
  splitSeed?: number;
  /** String columns with more distinct training levels than this are hashed; default 16. */
  oneHotMaxLevels?: number;
  /** Buckets of a hashed string column; default 32. */
  hashBuckets?: number;
  /**
   * Most training rows kept: the first N in hash order, which is all a proxy run with
   * `rows` ≤ N ever reads. Default: every training row. The encoding (statistics, levels,
   * constant columns) is still computed over every training row of the file.
   */
  maxTrainRows?: number;
  /** Most validation rows kept: those with the smallest split positions; default 50,000. */
  maxValRows?: number;
  /**
   * Feature columns learned as embedding tables (string or numeric: each value's text picks a
   * row), instead of numeric, one-hot or hashed features. Defaults and limits: embedColumns.ts.
   */
  embed?: EmbedOption[];
}

/** LoadOptions with every default filled in and every knob checked. */
export interface ResolvedLoadOptions {
  file: string;
  tasks: { name: string; type?: TaskType }[];
  features?: string[];
  exclude: string[];
  valFraction: number;
  splitSeed: number;
  oneHotMaxLevels: number;
  hashBuckets: number;
  /** Infinity: keep every training row. */
  maxTrainRows: number;
  maxValRows: number;
  /** In the order given (the loader puts them in file order). */
  embed: EmbeddedColumn[];
}

export const LOAD_DEFAULTS = Object.freeze({
  // One row in five for validation: enough labelled rows per task to compare losses between
  // runs, while training still sees most of the data.
  valFraction: 0.2,
  splitSeed: 0,
  // Country, device, plan, weekday: categorical columns with a handful of levels are one-hot;
  // past 16, a column is usually an id, better served by a fixed number of hashed buckets.
  oneHotMaxLevels: 16,
  hashBuckets: 32,
  // Every proxy run computes its loss on every validation row, and the search compares losses
  // between runs on the same rows: 50,000 rows put the standard error of a binary task's loss
  // near 0.3 % of the loss (the transfer the search measures is 1-3 %), while a 1M-row file's
  // 200,000 would double the time of a 20,000-row run for nothing.
  maxValRows: 50_000,
});

/** Checks the options that need no file (task list shape, numeric knobs) and fills defaults. */
export function resolveLoadOptions(o: LoadOptions): ResolvedLoadOptions {
  if (typeof o.file !== 'string' || o.file === '')
    throw new UsageError('data file: a path is required');
  checkTasks(o.tasks);
  const resolved: ResolvedLoadOptions = {
    file: o.file,
    tasks: o.tasks.map((t) => ({ name: t.name, type: t.type })),
    features: o.features === undefined ? undefined : dedupe(o.features),
    exclude: dedupe(o.exclude ?? []),
    valFraction: o.valFraction ?? LOAD_DEFAULTS.valFraction,
    splitSeed: o.splitSeed ?? LOAD_DEFAULTS.splitSeed,
    oneHotMaxLevels: o.oneHotMaxLevels ?? LOAD_DEFAULTS.oneHotMaxLevels,
    hashBuckets: o.hashBuckets ?? LOAD_DEFAULTS.hashBuckets,
    maxTrainRows: o.maxTrainRows ?? Infinity,
    maxValRows: o.maxValRows ?? LOAD_DEFAULTS.maxValRows,
    embed: resolveEmbed(o.embed),
  };
  checkKnobs(resolved);
  return resolved;
}

function checkTasks(tasks: LoadOptions['tasks']): void {
  if (!Array.isArray(tasks) || tasks.length < 2) {
    const names = Array.isArray(tasks) ? tasks.map((t) => t.name).join(', ') : '';
    throw new UsageError(
      `tasks: at least 2 tasks are needed, got ${names === '' ? 'none' : names}`,
    );
  }
  const seen = new Set<string>();
  for (const task of tasks) {
    if (typeof task.name !== 'string' || task.name.trim() === '') {
      throw new UsageError('tasks: a task name is empty');
    }
    if (seen.has(task.name)) throw new UsageError(`tasks: task "${task.name}" is given twice`);
    seen.add(task.name);
    if (task.type !== undefined && !TASK_TYPES.includes(task.type)) {
      throw new UsageError(
        `tasks: task "${task.name}" has unknown type "${String(task.type)}" (use ${TASK_TYPES.join(' or ')})`,
      );
    }
  }
}

function checkKnobs(o: ResolvedLoadOptions): void {
  if (!(o.valFraction > 0 && o.valFraction < 1)) {
    throw new UsageError(`valFraction must be between 0 and 1 (exclusive), got ${o.valFraction}`);
  }
  if (!Number.isInteger(o.splitSeed) || o.splitSeed < 0 || o.splitSeed > 0xffffffff) {
    throw new UsageError(`splitSeed must be an integer from 0 to 4294967295, got ${o.splitSeed}`);
  }
  if (!Number.isInteger(o.oneHotMaxLevels) || o.oneHotMaxLevels < 0) {
    throw new UsageError(
      `oneHotMaxLevels must be a non-negative integer, got ${o.oneHotMaxLevels}`,
    );
  }
  if (!Number.isInteger(o.hashBuckets) || o.hashBuckets < 1) {
    throw new UsageError(`hashBuckets must be a positive integer, got ${o.hashBuckets}`);
  }
  if (o.maxTrainRows !== Infinity && !(Number.isInteger(o.maxTrainRows) && o.maxTrainRows >= 1)) {
    throw new UsageError(`maxTrainRows must be a positive integer, got ${o.maxTrainRows}`);
  }
  if (!Number.isInteger(o.maxValRows) || o.maxValRows < 1) {
    throw new UsageError(`maxValRows must be a positive integer, got ${o.maxValRows}`);
  }
}

const dedupe = (names: string[]): string[] => [...new Set(names)];

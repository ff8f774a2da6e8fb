import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { UsageError } from '../errors.js';
import type { BackendName, ProxySettings } from '../proxy/types.js';
import {
  boolean, fraction, intList, nonNegativeInt, oneOf, positiveInt, positiveNumber, stringList, taskList,
  weightList, type TaskRequest,
} from './parse.js';

export const backendNames: readonly BackendName[] = ['auto', 'node', 'wasm', 'cpu'];

/** A search, fully resolved: what is stored with it and what `resume` replays. */
export interface SearchConfig {
  dataFile: string;
  tasks: TaskRequest[];
  features?: string[];
  exclude?: string[];
  /** One weight per task (business priority); all 1 by default. */
  weights: number[];
  /** Most networks; null = no limit. */
  budget: number | null;
  /** Seeds per run: each single and pair is trained this many times. */
  seeds: number;
  /** Base seed: of the split, the data order and the initial weights. */
  seed: number;
  workers: number;
  backend: BackendName;
  valFraction: number;
  /** Train the best grouping's groups of 3+ tasks for real and re-solve with their losses. */
  verify: boolean;
  proxy: ProxySettings;
}

/**
 * Defaults. A proxy run is a cheap stand-in for full training: at most 20k rows, 4 epochs of
 * batch 256, Adam at 0.003. What matters is the number of Adam steps: on the bundled example
 * (4.8k training rows) 4 epochs of batch 512 (40 steps) are too few for related tasks to help
 * each other measurably (mean within-cluster T ≈ 0), while 4 × 256 (76 steps) separates the
 * planted clusters with every seed tried, at under half the compute of 8 × 512. 3 seeds give a
 * standard error.
 */
export const searchDefaults = Object.freeze({
  budget: null,
  seeds: 3,
  seed: 0,
  backend: 'auto' as BackendName,
  valFraction: 0.2,
  verify: true,
  proxy: Object.freeze({
    rows: 20_000,
    epochs: 4,
    batchSize: 256,
    learningRate: 0.003,
    bottom: Object.freeze([128, 64]),
    tower: Object.freeze([32]),
  }),
});

export const defaultWorkers = (): number => Math.max(1, availableParallelism());

/** Flags as commander hands them over: strings, or undefined when absent. */
export interface SearchFlags {
  data?: string;
  tasks?: string;
  config?: string;
  budget?: string;
  workers?: string;
  seeds?: string;
  seed?: string;
  rows?: string;
  epochs?: string;
  batchSize?: string;
  backend?: string;
  weights?: string;
  /** commander's `--no-verify`: false when given, else true or undefined. */
  verify?: boolean;
}

const fileKeys = new Set([
  'data', 'tasks', 'features', 'exclude', 'weights', 'budget', 'seeds', 'seed', 'workers', 'backend',
  'valFraction', 'verify', 'proxy',
]);
const proxyKeys = new Set(['rows', 'epochs', 'batchSize', 'learningRate', 'bottom', 'tower']);

/** Reads a `--config` JSON file; unknown keys are errors (a typo must not pass silently). */
export function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`--config ${file}: no such file or not readable`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--config ${file}: not valid JSON (${(error as Error).message})`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(`--config ${file}: must hold a JSON object`);
  }
  const config = parsed as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (!fileKeys.has(key)) throw new UsageError(`--config ${file}: unknown key "${key}"`);
  }
  const proxy = config.proxy;
  if (proxy !== undefined) {
    if (!proxy || typeof proxy !== 'object' || Array.isArray(proxy)) {
      throw new UsageError(`--config ${file}: "proxy" must be an object`);
    }
    for (const key of Object.keys(proxy)) {
      if (!proxyKeys.has(key)) throw new UsageError(`--config ${file}: unknown key "proxy.${key}"`);
    }
  }
  return config;
}

/** Merges flags over the config file over the defaults, validating every field at this boundary. */
export function resolveSearchConfig(flags: SearchFlags): SearchConfig {
  const file = flags.config ? readConfigFile(flags.config) : {};
  const proxyFile = (file.proxy ?? {}) as Record<string, unknown>;
  const pick = (flag: string | undefined, fileValue: unknown) => flag ?? fileValue;
  const from = (flag: string | undefined, name: string) => (flag !== undefined ? `--${name}` : `config.${name}`);

  const dataFile = pick(flags.data, file.data);
  if (typeof dataFile !== 'string' || dataFile === '') throw new UsageError('--data is required (the CSV file to learn from)');
  const tasksValue = pick(flags.tasks, file.tasks);
  if (tasksValue === undefined) throw new UsageError('--tasks is required (e.g. --tasks click,like,watch_time)');
  const tasks = taskList(from(flags.tasks, 'tasks'), tasksValue);
  const names = tasks.map((t) => t.name);

  const budgetValue = pick(flags.budget, file.budget);
  const d = searchDefaults.proxy;
  // A value from a flag is blamed on the flag, one from the file on its key in the file.
  const num = <T>(flag: string | undefined, value: unknown, name: string, parse: (f: string, v: unknown) => T, fallback: T) =>
    flag !== undefined || value !== undefined
      ? parse(flag !== undefined ? `--${name.split('|')[0]}` : `config.${name.split('|').at(-1)}`, flag ?? value)
      : fallback;

  return {
    dataFile,
    tasks,
    features: file.features === undefined ? undefined : stringList('config.features', file.features),
    exclude: file.exclude === undefined ? undefined : stringList('config.exclude', file.exclude),
    weights: num(flags.weights, file.weights, 'weights', (f, v) => weightList(f, v, names), names.map(() => 1)),
    budget: budgetValue === undefined ? null : positiveInt(from(flags.budget, 'budget'), budgetValue),
    seeds: num(flags.seeds, file.seeds, 'seeds', positiveInt, searchDefaults.seeds),
    seed: num(flags.seed, file.seed, 'seed', nonNegativeInt, searchDefaults.seed),
    workers: num(flags.workers, file.workers, 'workers', positiveInt, defaultWorkers()),
    backend: num(flags.backend, file.backend, 'backend', (f, v) => oneOf(f, v, backendNames), searchDefaults.backend),
    valFraction: num(undefined, file.valFraction, 'valFraction', fraction, searchDefaults.valFraction),
    verify: flags.verify === false ? false : num(undefined, file.verify, 'verify', boolean, searchDefaults.verify),
    proxy: {
      rows: num(flags.rows, proxyFile.rows, 'rows|proxy.rows', positiveInt, d.rows),
      epochs: num(flags.epochs, proxyFile.epochs, 'epochs|proxy.epochs', positiveInt, d.epochs),
      batchSize: num(flags.batchSize, proxyFile.batchSize, 'batch-size|proxy.batchSize', positiveInt, d.batchSize),
      learningRate: num(undefined, proxyFile.learningRate, 'learning-rate|proxy.learningRate', positiveNumber, d.learningRate),
      bottom: num(undefined, proxyFile.bottom, 'bottom|proxy.bottom', intList, [...d.bottom]),
      tower: num(undefined, proxyFile.tower, 'tower|proxy.tower', intList, [...d.tower]),
    },
  };
}

import { UsageError } from '../errors.js';
import type { TaskType } from '../data/types.js';

/**
 * Value parsers for flags and config-file fields. Each names the field at fault (`--budget`,
 * `config.proxy.rows`) so the user sees one line saying what to fix.
 */
/**
 * A setting from its flag or else from the `--config` file, parsed, and blamed on where it came
 * from: `name` is `flag|fileKey` (`batch-size|proxy.batchSize`), or one word for both.
 * `fallback` when neither gives a value.
 */
export function flagOrFile<T>(flag: string | undefined, fileValue: unknown, name: string, parse: (field: string, value: unknown) => T, fallback: T): T {
  if (flag === undefined && fileValue === undefined) return fallback;
  const [flagName, fileKey = flagName] = name.split('|');
  return parse(flag !== undefined ? `--${flagName}` : `config.${fileKey}`, flag ?? fileValue);
}

export function positiveInt(field: string, value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new UsageError(`${field} must be a positive integer (got ${JSON.stringify(value)})`);
  }
  return n;
}

export function nonNegativeInt(field: string, value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) {
    throw new UsageError(`${field} must be an integer from 0 to 2147483647 (got ${JSON.stringify(value)})`);
  }
  return n;
}

export function positiveNumber(field: string, value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`${field} must be a positive number (got ${JSON.stringify(value)})`);
  }
  return n;
}

/** A finite number ≥ `min` (a budget, a time limit). */
export function numberAtLeast(field: string, value: unknown, min: number): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min) {
    throw new UsageError(`${field} must be a number ≥ ${min} (got ${JSON.stringify(value)})`);
  }
  return n;
}

/** A whole number ≥ `min` (a count such as --top). */
export function wholeNumberAtLeast(field: string, value: unknown, min: number): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min) {
    throw new UsageError(`${field} must be a whole number ≥ ${min} (got ${JSON.stringify(value)})`);
  }
  return n;
}

export function fraction(field: string, value: unknown): number {
  const n = positiveNumber(field, value);
  if (n >= 1) throw new UsageError(`${field} must be between 0 and 1 (got ${JSON.stringify(value)})`);
  return n;
}

export function boolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new UsageError(`${field} must be true or false (got ${JSON.stringify(value)})`);
  return value;
}

export function oneOf<T extends string>(field: string, value: unknown, choices: readonly T[]): T {
  if (typeof value !== 'string' || !choices.includes(value as T)) {
    throw new UsageError(`${field} must be one of ${choices.join(', ')} (got ${JSON.stringify(value)})`);
  }
  return value as T;
}

/** A name (a file, a task) that is not blank. */
export function nonEmptyString(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${field} must be a non-empty name (got ${JSON.stringify(value)})`);
  return value;
}

export function stringList(field: string, value: unknown): string[] {
  const items = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(items) || items.some((item) => typeof item !== 'string')) {
    throw new UsageError(`${field} must be a list of names (got ${JSON.stringify(value)})`);
  }
  const names = items.map((item: string) => item.trim());
  if (names.some((name) => name === '')) throw new UsageError(`${field} has an empty name`);
  return names;
}

export function intList(field: string, value: unknown): number[] {
  const items = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(items) || items.length === 0) {
    throw new UsageError(`${field} must be a non-empty list of positive integers`);
  }
  return items.map((item, i) => positiveInt(`${field}[${i}]`, item));
}

export interface TaskRequest {
  name: string;
  type?: TaskType;
}

export const taskTypes: readonly TaskType[] = Object.freeze(['binary', 'regression']);

/** `click,like,watch_time:regression` → tasks with optional explicit types. */
export function taskList(field: string, value: unknown): TaskRequest[] {
  return stringList(field, value).map((item) => {
    const colon = item.lastIndexOf(':');
    if (colon < 0) return { name: item };
    const name = item.slice(0, colon).trim();
    const type = item.slice(colon + 1).trim();
    if (!name) throw new UsageError(`${field}: "${item}" has no task name before the colon`);
    return { name, type: oneOf(`${field}: type of task "${name}"`, type, taskTypes) };
  });
}

/**
 * Weights as `2,1,1` (in task order) or `click=2,like=1` (others stay 1), or a JSON array or
 * object in a config file: the one parser of weights, for `search` and `solve`. `tasksAre` says
 * where the task names come from in messages ("one of the tasks", "a task of the table").
 * Returns one weight per task, each ≥ 0, not all 0.
 */
export function weightList(field: string, value: unknown, tasks: string[], tasksAre = 'one of the tasks'): number[] {
  const weights = tasks.map(() => 1);
  const entries: [string | number, unknown][] =
    typeof value === 'string'
      ? value.split(',').map((part, i) => (part.includes('=') ? (part.split('=', 2) as [string, string]) : [i, part]))
      : Array.isArray(value)
        ? value.map((w, i) => [i, w])
        : value && typeof value === 'object'
          ? Object.entries(value)
          : [['', value]];
  const positional = entries.filter(([key]) => typeof key === 'number');
  if (positional.length > 0 && positional.length !== tasks.length) {
    const count = `${positional.length} weights for ${tasks.length} tasks`;
    throw new UsageError(`${field} has ${count}: ${field} must list ${tasks.length} numbers, one per task in order, or name them (task=2)`);
  }
  for (const [key, raw] of entries) {
    const index = typeof key === 'number' ? key : tasks.indexOf(key.trim());
    if (index < 0) throw new UsageError(`${field}: "${key}" is not ${tasksAre} (${tasks.join(', ')})`);
    const weight = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new UsageError(`${field}: weight of "${tasks[index]}" must be a number ≥ 0 (got ${JSON.stringify(raw ?? '')})`);
    }
    weights[index] = weight;
  }
  if (weights.every((w) => w === 0)) throw new UsageError(`${field} must not all be 0`);
  return weights;
}

import { UsageError } from '../errors.js';
import { parseNumber } from '../data/cells.js';
import { TASK_TYPES, type TaskType } from '../data/types.js';

/**
 * The rules on option values: each reads a flag's text or a config field's JSON value, and
 * throws a UsageError naming the field at fault (`--budget`, `config.proxy.rows`) and the rule,
 * so the user sees one line saying what to fix. The option schemas (optionSchema.ts) apply them.
 */

/**
 * A value as a message quotes it: JSON, except numbers JSON cannot write (`NaN`, `Infinity`)
 * and values it drops (a function, undefined), which are named as JavaScript writes them.
 */
export function shown(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'function') return 'a function';
  return JSON.stringify(value) ?? String(value);
}

/**
 * Integers are written in plain decimal digits: `0x10`, `1e1`, `0b1`, `16.0` and `+16` are
 * refused, not read as 16, 10, 1 and 16 the way `Number()` would. A config file's JSON number is
 * taken as it is parsed. Beyond 2^53 integers are no longer exact, so those are refused too.
 */
const DECIMAL_DIGITS = /^\d+$/;

/** The integer a flag (text) or a config field (JSON number) holds, or undefined. */
function integerOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== 'string' || !DECIMAL_DIGITS.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A number written in decimal or scientific notation (`0.003`, `3e-3`; not `0x10`, `Infinity`), or a JSON number. */
function realOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return typeof value === 'string' ? parseNumber(value.trim()) : undefined;
}

/** What a message adds when `Number()` would read the text as a number ≥ 0 that is not written in plain decimal digits. */
const plainHint = (value: unknown): string => {
  const text = typeof value === 'string' ? value.trim() : '';
  return text !== '' && Number(text) >= 0 && !DECIMAL_DIGITS.test(text)
    ? ' in plain decimal digits'
    : '';
};

/**
 * A whole number from `min` to `max`. The messages name the field and the rule:
 * `--epochs must be a positive integer in plain decimal digits (got "1e9")`,
 * `--epochs must be at most 100 (got "1000")`.
 */
export function integerInRange(
  field: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
  rule = min === 1
    ? 'a positive integer'
    : min === 0
      ? 'an integer ≥ 0'
      : `a whole number ≥ ${min}`,
): number {
  const n = integerOf(value);
  if (n === undefined || n < min) {
    throw new UsageError(`${field} must be ${rule}${plainHint(value)} (got ${shown(value)})`);
  }
  if (n > max) throw new UsageError(`${field} must be at most ${max} (got ${shown(value)})`);
  return n;
}

export function positiveInt(field: string, value: unknown): number {
  return integerInRange(field, value, 1);
}

/** An integer that fits a 32-bit seed. */
export function nonNegativeInt(field: string, value: unknown): number {
  return integerInRange(field, value, 0, 2 ** 31 - 1);
}

export function positiveNumber(field: string, value: unknown): number {
  const n = realOf(value);
  if (n === undefined || n <= 0) {
    throw new UsageError(`${field} must be a positive number (got ${shown(value)})`);
  }
  return n;
}

/** A finite number ≥ `min` (a budget, a time limit). */
export function numberAtLeast(field: string, value: unknown, min: number): number {
  const n = realOf(value);
  if (n === undefined || n < min) {
    throw new UsageError(`${field} must be a number ≥ ${min} (got ${shown(value)})`);
  }
  return n;
}

/** A whole number ≥ `min` (a count such as --top). */
export function wholeNumberAtLeast(field: string, value: unknown, min: number): number {
  return integerInRange(field, value, min, Number.MAX_SAFE_INTEGER, `a whole number ≥ ${min}`);
}

export function fraction(field: string, value: unknown): number {
  const n = positiveNumber(field, value);
  if (n >= 1) throw new UsageError(`${field} must be between 0 and 1 (got ${shown(value)})`);
  return n;
}

export function boolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    throw new UsageError(`${field} must be true or false (got ${shown(value)})`);
  return value;
}

export function oneOf<T extends string>(field: string, value: unknown, choices: readonly T[]): T {
  if (typeof value !== 'string' || !choices.includes(value as T)) {
    throw new UsageError(`${field} must be one of ${choices.join(', ')} (got ${shown(value)})`);
  }
  return value as T;
}

/**
 * A database file: `--db ''` would make SQLite open a temporary database that vanishes with the
 * process, every run trained into it lost; refused like any other blank name.
 */
export function databasePath(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new UsageError(
      `${field} must name a database file, e.g. taskgroup.db (got ${shown(value)})`,
    );
  return value;
}

/** A name (a file, a task) that is not blank. */
export function nonEmptyString(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new UsageError(`${field} must be a non-empty name (got ${shown(value)})`);
  return value;
}

export function stringList(field: string, value: unknown): string[] {
  const items = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(items) || items.some((item) => typeof item !== 'string')) {
    throw new UsageError(`${field} must be a list of names (got ${shown(value)})`);
  }
  const names = items.map((item: string) => item.trim());
  if (names.some((name) => name === '')) throw new UsageError(`${field} has an empty name`);
  return names;
}

/** A list of 1 to `maxItems` integers from 1 to `max` (layer widths). */
export function intList(
  field: string,
  value: unknown,
  maxItems = Infinity,
  max = Number.MAX_SAFE_INTEGER,
): number[] {
  const items = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(items) || items.length === 0) {
    throw new UsageError(`${field} must be a non-empty list of positive integers`);
  }
  if (items.length > maxItems)
    throw new UsageError(`${field} must list at most ${maxItems} numbers (got ${items.length})`);
  return items.map((item, i) => integerInRange(`${field}[${i}]`, item, 1, max));
}

export interface TaskRequest {
  name: string;
  type?: TaskType;
}

/** `click,like,watch_time:regression` → tasks with optional explicit types; a task named twice is refused. */
export function taskList(field: string, value: unknown): TaskRequest[] {
  const tasks = stringList(field, value).map((item): TaskRequest => {
    const colon = item.lastIndexOf(':');
    if (colon < 0) return { name: item };
    const name = item.slice(0, colon).trim();
    const type = item.slice(colon + 1).trim();
    if (!name) throw new UsageError(`${field}: "${item}" has no task name before the colon`);
    return { name, type: oneOf(`${field}: type of task "${name}"`, type, TASK_TYPES) };
  });
  tasks.forEach(({ name }, i) => {
    if (tasks.findIndex((task) => task.name === name) !== i) givenTwice(field, name);
  });
  return tasks;
}

/** The one rule for a task named twice, in `--tasks` as in `--weights`: refused, never "last wins". */
function givenTwice(field: string, task: string): never {
  throw new UsageError(`${field}: task "${task}" is given twice`);
}

/**
 * Weights as `2,1,1` (in task order) or `click=2,like=1` (others stay 1), or a JSON array or
 * object in a config file: the one parser of weights, for `search` and `solve`. `tasksAre` says
 * where the task names come from in messages ("one of the tasks", "a task of the table").
 * Returns one weight per task, each ≥ 0, not all 0.
 */
export function weightList(
  field: string,
  value: unknown,
  tasks: string[],
  tasksAre = 'one of the tasks',
): number[] {
  const weights = tasks.map(() => 1);
  const entries: [string | number, unknown][] =
    typeof value === 'string'
      ? value
          .split(',')
          .map((part, i) =>
            part.includes('=') ? (part.split('=', 2) as [string, string]) : [i, part],
          )
      : Array.isArray(value)
        ? value.map((w, i) => [i, w])
        : value && typeof value === 'object'
          ? Object.entries(value)
          : [['', value]];
  const positional = entries.filter(([key]) => typeof key === 'number');
  if (positional.length > 0 && positional.length !== tasks.length) {
    const count = `${positional.length} weights for ${tasks.length} tasks`;
    throw new UsageError(
      `${field} has ${count}: ${field} must list ${tasks.length} numbers, one per task in order, or name them (task=2)`,
    );
  }
  const given = new Set<number>();
  for (const [key, raw] of entries) {
    const index = typeof key === 'number' ? key : tasks.indexOf(key.trim());
    if (index < 0)
      throw new UsageError(`${field}: "${key}" is not ${tasksAre} (${tasks.join(', ')})`);
    if (given.has(index)) givenTwice(field, tasks[index]);
    given.add(index);
    const weight = realOf(raw);
    if (weight === undefined || weight < 0) {
      throw new UsageError(
        `${field}: weight of "${tasks[index]}" must be a number ≥ 0 (got ${shown(raw ?? '')})`,
      );
    }
    weights[index] = weight;
  }
  if (weights.every((w) => w === 0)) throw new UsageError(`${field} must not all be 0`);
  return weights;
}

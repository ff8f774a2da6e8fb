import * as v from 'valibot';
import { UsageError } from '../errors.js';
import { shown } from './parse.js';

/**
 * Options are declared once, as schemas: searchOptions.ts, solveOptions.ts, reportOptions.ts.
 * The command line's flags, a `--config` file and the library's calls are checked by the same
 * schema, and the library's exported types are inferred from it (`v.InferInput`), so a type
 * cannot say one thing while the check does another.
 *
 * The schema library is valibot rather than zod: importing valibot takes about 15 ms, zod 4
 * about 125 ms (zod/mini as much), measured in one run on the 2-core machine; every command,
 * `--help` and `status` included, loads the option schemas, and those two must start within
 * 0.3 s (docs/benchmarks.md). valibot gives the structure (strict objects, optional keys,
 * literal unions) and the types; the rules on values are ours (rules.ts of each schema, through
 * `rule` below), because their messages are the product's: one line naming the option as the
 * user wrote it (`--budget` on the command line, `config.budget` in a config file or the
 * library) and the rule (`must be a positive integer in plain decimal digits (got "0x10")`).
 */

/** How messages name an option by its key: `--budget`, or `config.budget`. */
export type Namer = (key: string) => string;

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** A flag by its key: `batchSize` → `--batch-size`. */
export const flagName: Namer = (key) => `--${kebab(key)}`;

/** A key of a config file or of the library's options: `proxy.rows` → `config.proxy.rows`. */
export const configKey: Namer = (key) => `config.${key}`;

/** Reads a value or throws a UsageError naming `field` and the rule (parse.ts). */
export type Rule<T> = (field: string, value: unknown) => T;

/**
 * One of our rules as a schema step. `In` is what the option's type says it takes (a number);
 * the rule itself also reads a flag's text (`"16"`), as every flag is text on the command line.
 * A broken rule throws its UsageError straight through the parse: the first fault is the one
 * reported, in the one-line shape the rule wrote.
 */
export function rule<In, Out>(field: string, read: Rule<Out>): v.GenericSchema<In, Out> {
  return v.pipe(
    v.custom<In>(() => true),
    v.transform((value) => read(field, value)),
  );
}

/** A value checked against other options once all are known (weights against the tasks), with the name to blame. */
export interface Blamed<T = unknown> {
  field: string;
  value: T;
}

/** A rule applied later: the schema only records where the value came from. */
export const blamed = <In>(field: string): v.GenericSchema<In, Blamed> =>
  rule<In, Blamed>(field, (f, value) => ({ field: f, value }));

/** One of `choices`, as a literal union in the types; refused with the choices listed. */
export const choice = <const T extends readonly string[]>(field: string, choices: T) =>
  v.picklist(
    choices,
    (issue) => `${field} must be one of ${choices.join(', ')} (got ${shown(issue.input)})`,
  );

/** What the messages of an object of options say: where it is, and what a missing key needs. */
export interface ObjectMessages {
  /** Names the object: `--config FILE`, `config`, `solve`. */
  where: string;
  /** The keys' parent in messages (`proxy.`). */
  prefix?: string;
  /** When the value is not an object at all. */
  notObject?: string;
  /** The message for each required key that is missing. */
  required?: Readonly<Record<string, string>>;
}

/**
 * An object of known keys only (a typo must not pass silently, `__proto__` included), each
 * message naming the object and the key.
 */
export const knownKeys = <const E extends v.ObjectEntries>(entries: E, said: ObjectMessages) => {
  const { where, prefix = '', required = {} } = said;
  const notObject = said.notObject ?? `${where}: must hold a JSON object`;
  const object = v.strictObject(entries, (issue) => {
    if (issue.expected === 'never')
      return `${where}: unknown key "${prefix}${String(issue.input)}"`;
    if (issue.expected === 'Object') return notObject;
    const key = String(issue.expected).replace(/^"|"$/g, '');
    return required[key] ?? `${where}: ${prefix}${key} is missing`;
  });
  // An array is an object to valibot; not to a user who wrote `"proxy": []`.
  return v.pipe(
    v.custom<v.InferInput<typeof object>>((x) => !Array.isArray(x), notObject),
    object,
  );
};

/** The parsed options, or a UsageError with the first fault's one-line message. */
export function parseOptions<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
): v.InferOutput<S> {
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (!result.success) throw new UsageError(result.issues[0].message);
  return result.output;
}

import * as v from 'valibot';
import { UsageError } from '../errors.js';
import { blamed, choice, knownKeys, parseOptions, rule } from './optionSchema.js';
import { boolean, numberAtLeast, shown, wholeNumberAtLeast } from './parse.js';

export const SOLVE_MODES = ['partition', 'overlap'] as const;
export type SolveMode = (typeof SOLVE_MODES)[number];

/**
 * The options of `solve`, declared once: its flags, and the library's `solve()` options (named
 * by their flags in messages, `--table`, as on the command line). Numbers may be given as
 * numbers or as text. A new option is one entry here, its flag in src/cli/solve.ts, and its use
 * in solveSettings.ts.
 */
const solveEntries = {
  table: rule<string, string>('--table', tableOf),
  mode: v.optional(choice('--mode', SOLVE_MODES)),
  /** Checked against the mode and the table's tasks once the table is read. */
  budget: v.optional(blamed<number | string>('--budget')),
  hoa: v.optional(rule<boolean, boolean>('--hoa', boolean)),
  top: v.optional(
    rule<number | string, number>('--top', (f, value) => wholeNumberAtLeast(f, value, 1)),
  ),
  /** Checked against the table's task columns. */
  weights: v.optional(blamed<string | number[] | Record<string, number>>('--weights')),
  timeLimit: v.optional(
    rule<number | string, number>('--time-limit', (f, value) => numberAtLeast(f, value, 0)),
  ),
};

function tableOf(field: string, value: unknown): string {
  if (typeof value !== 'string' || value === '')
    throw new UsageError(`${field} must name the loss table CSV (got ${shown(value)})`);
  return value;
}

/** The library's `solve()` options: known keys only, `table` required. */
const solveOptionsSchema = (options: unknown) =>
  knownKeys(solveEntries, {
    where: 'solve',
    notObject: `solve: options must be an object with a table (got ${shown(options)})`,
    required: { table: '--table is required (the loss table CSV)' },
  });

/** The command line's flags (commander requires --table): its own (--json) pass by. */
const solveFlagsSchema = v.object(solveEntries);

export type SolveOptionsInput = v.InferInput<ReturnType<typeof solveOptionsSchema>>;
export type SolveOptionsParsed = v.InferOutput<typeof solveFlagsSchema>;
/** solve's flags as commander hands them over. */
export type SolveFlags = { [K in keyof SolveOptionsInput]?: string | boolean } & { json?: boolean };

/** `solve`'s flags or the library's options, validated. */
export const resolveSolveOptions = (
  options: unknown,
  from: 'flags' | 'library',
): SolveOptionsParsed =>
  parseOptions(from === 'flags' ? solveFlagsSchema : solveOptionsSchema(options), options);

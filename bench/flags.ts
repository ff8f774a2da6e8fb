/**
 * The command line of every benchmark: node's `parseArgs` in strict mode, and checks that name
 * the flag. A benchmark that ignored a misspelt flag, or read `--rounds abc` as NaN, would
 * measure something other than what was asked without saying so; here a bad flag is one line on
 * stderr, naming it, and exit 2, before anything is measured.
 *
 * Every benchmark takes `--smoke`: the smallest real workload on the same code path, printing the
 * same table, in seconds (test/bench runs each one). Its figures mean nothing; its header says so.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<O extends Options> = ReturnType<
  typeof parseArgs<{ options: O; strict: true }>
>['values'];

/** The line a smoke run prints above its table. */
export const SMOKE_NOTE =
  'smoke run: the smallest workload on the same code path; figures mean nothing';

/** One line on stderr, exit 2: how every benchmark refuses its command line. */
export function usageError(bench: string, message: string): never {
  process.stderr.write(`bench:${bench}: ${message}\n`);
  process.exit(2);
}

/**
 * Runs a benchmark's body: an error of bad input that taskgroup's own checks raise (a UsageError,
 * exit code 2: a task missing from the data, say) is one line and exit 2; any other error is a
 * bug and keeps its stack.
 */
export async function runBench(bench: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if ((error as { exitCode?: number }).exitCode === 2)
      usageError(bench, (error as Error).message);
    throw error;
  }
}

/**
 * The parsed flags of benchmark `bench` (its name after `bench:`), `--smoke` included, with
 * typed readers that refuse a bad value in one line.
 */
export function benchFlags<O extends Options>(bench: string, options: O) {
  const all = { ...options, smoke: { type: 'boolean' } } as O;
  let values: Values<O>;
  try {
    values = parseArgs({ options: all, strict: true, allowPositionals: false }).values;
  } catch (error) {
    usageError(bench, parseProblem(error as Error & { code?: string }, Object.keys(all)));
  }
  const fail = (message: string): never => usageError(bench, message);
  const text = (name: keyof O & string): string | undefined => {
    const value = (values as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  };
  const int = (name: keyof O & string, min = 1): number | undefined => {
    const raw = text(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isSafeInteger(n) || n < min)
      fail(`--${name} must be an integer ≥ ${min} (got "${raw}")`);
    return n;
  };
  return {
    values,
    smoke: (values as Record<string, unknown>).smoke === true,
    fail,
    /** An integer of at least `min`, or undefined when the flag is absent (and has no default). */
    int,
    /** A positive number, or undefined when the flag is absent (and has no default). */
    positive(name: keyof O & string): number | undefined {
      const raw = text(name);
      if (raw === undefined) return undefined;
      const x = Number(raw);
      if (raw.trim() === '' || !(x > 0) || !Number.isFinite(x))
        fail(`--${name} must be a positive number (got "${raw}")`);
      return x;
    },
    /** A comma-separated list of integers of at least `min`. */
    ints(name: keyof O & string, min = 1): number[] | undefined {
      const raw = text(name);
      if (raw === undefined) return undefined;
      return raw.split(',').map((item) => {
        const n = Number(item);
        if (item.trim() === '' || !Number.isSafeInteger(n) || n < min)
          fail(`--${name} must list integers ≥ ${min}, comma-separated (got "${raw}")`);
        return n;
      });
    },
    /** A comma-separated list of names, each one of `choices`. */
    choices<C extends string>(name: keyof O & string, choices: readonly C[]): C[] | undefined {
      const raw = text(name);
      if (raw === undefined) return undefined;
      return raw.split(',').map((item) => {
        const choice = choices.find((c) => c === item.trim());
        return choice ?? fail(`--${name}: "${item}" is not one of ${choices.join(', ')}`);
      });
    },
  };
}

/** parseArgs's error as one line that names the flag and lists the known ones. */
function parseProblem(error: Error & { code?: string }, known: string[]): string {
  const flags = known.map((name) => `--${name}`).join(', ');
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = /'([^']+)'/.exec(error.message)?.[1] ?? 'flag';
    return `unknown flag ${flag} (known: ${flags})`;
  }
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const arg = /'([^']+)'/.exec(error.message)?.[1] ?? '';
    return `unexpected argument "${arg}" (flags: ${flags})`;
  }
  return error.message.replace(/\s*\n\s*/g, ' ');
}

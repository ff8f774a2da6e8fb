import * as v from 'valibot';
import { UsageError } from '../errors.js';
import { reportFormatNames } from '../report/index.js';
import { choice, knownKeys, parseOptions, rule } from './optionSchema.js';
import { databasePath, shown } from './parse.js';

/**
 * The options of `report`, declared once: `--format` and `--db` on the command line, `format`
 * (required) and `db` for the library's `report()` (named `--format`, `config.db` in messages).
 */
const formatOf = choice('--format', reportFormatNames);
const formatRequired = `--format is required (${reportFormatNames.join(', ')})`;
const dbOf = (field: string) => v.optional(rule<string, string>(field, databasePath));

const reportOptionsSchema = (options: unknown) =>
  knownKeys(
    { format: formatOf, db: dbOf('config.db') },
    {
      where: 'report',
      notObject: `report: options must be an object with a format, one of ${reportFormatNames.join(', ')} (got ${shown(options)})`,
      required: { format: formatRequired },
    },
  );

/** commander hands the flags over with --out and the rest: those pass by. */
const reportFlagsSchema = v.object({ format: v.optional(formatOf), db: dbOf('--db') });

export type ReportOptionsInput = v.InferInput<ReturnType<typeof reportOptionsSchema>>;
export type ReportOptions = v.InferOutput<ReturnType<typeof reportOptionsSchema>>;

/** `report`'s flags or the library's options, validated; `--format` is required. */
export function resolveReportOptions(options: unknown, from: 'flags' | 'library'): ReportOptions {
  if (from === 'library') return parseOptions(reportOptionsSchema(options), options);
  const { format, db } = parseOptions(reportFlagsSchema, options);
  if (format === undefined) throw new UsageError(formatRequired);
  return { format, db };
}

import { extname } from 'node:path';
import { readCsv, type ReadCsvOptions } from './readCsv.js';
import { readParquet } from './readParquet.js';

/** What a table reader is told: the hash of the file's bytes, the columns to pick, each row's cells. */
export type ReadTableOptions = ReadCsvOptions;

/**
 * A file format `--data` reads. Every format hands the same thing to the loader: the header,
 * then each row's picked cells as text, in file order; everything after (types, encoding,
 * split, fingerprint) is shared. Listed once; nothing else branches on a format.
 */
export interface TableFormat {
  name: string;
  /** The file names it is recognised by (lower case); any other file is read as CSV. */
  extensions: readonly string[];
  read(file: string, o: ReadTableOptions): Promise<void>;
  /** Where row `n` (as `onRow` numbers it) is, in messages: `line 8` of a CSV, `row 7` of Parquet. */
  place(n: number): string;
}

const csv: TableFormat = {
  name: 'csv',
  extensions: ['.csv', '.txt'],
  read: readCsv,
  place: (line) => `line ${line}`,
};

const parquet: TableFormat = {
  name: 'parquet',
  extensions: ['.parquet', '.parq', '.pq'],
  read: readParquet,
  place: (row) => `row ${row}`,
};

export const tableFormats: readonly TableFormat[] = Object.freeze([csv, parquet]);

/** The format of `file`, by its extension; CSV when none is recognised. */
export const tableFormatOf = (file: string): TableFormat =>
  tableFormats.find((format) => format.extensions.includes(extname(file).toLowerCase())) ?? csv;

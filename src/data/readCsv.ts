import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Hash } from 'node:crypto';
import { CsvError, parse } from 'csv-parse';
import { dataError, fileProblem, InterruptedError } from '../errors.js';
import { CsvErrorLine } from './csvErrorLine.js';

export interface ReadCsvOptions {
  /** Every byte of the file is fed to this hash as it streams by. */
  hash: Hash;
  /**
   * Called once with the header; returns the column indices to keep. It may throw (an unknown
   * column), which stops the read before the rest of the file is parsed.
   */
  pickColumns: (header: string[]) => number[];
  /**
   * Called for each data row, in file order, with the trimmed cells of the picked columns (in
   * the order picked) and the 1-based line of the file where the row ends. Nothing of the row is
   * kept unless this keeps it.
   */
  onRow: (cells: string[], line: number) => void;
  /** Aborted (the first Ctrl-C): the read stops at once with an InterruptedError. */
  signal?: AbortSignal;
}

/**
 * Streams `file` through csv-parse, handing each row's picked cells to `onRow`, so that memory
 * does not grow with the file. Every problem with the file itself (missing, empty, ragged,
 * malformed, bad header) becomes a one-line UsageError.
 */
export async function readCsv(file: string, o: ReadCsvOptions): Promise<void> {
  await checkReadable(file);
  if (o.signal?.aborted) throw stopped(file);
  const source = createReadStream(file);
  const onAbort = () => source.destroy(stopped(file));
  o.signal?.addEventListener('abort', onAbort, { once: true });
  // Field counts are checked here, not by csv-parse: its error can overtake the header record
  // (it parses ahead of this loop) and does not carry the header's length.
  const errorLine = new CsvErrorLine();
  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    info: true,
    relax_column_count: true,
    on_record: errorLine.onRecord,
  });
  source.on('data', (chunk) => o.hash.update(chunk));
  // pipe() does not forward errors of the source; a read error must still end the parse.
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);

  let header: string[] | undefined;
  let picked: number[] = [];
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (header === undefined) {
        header = checkHeader(
          file,
          record.map((c) => c.trim()),
        );
        picked = o.pickColumns(header);
        continue;
      }
      if (record.length !== header.length) {
        throw dataError(
          `${file}: line ${info.lines} has ${record.length} fields, the header has ${header.length}`,
        );
      }
      o.onRow(
        picked.map((column) => record[column].trim()),
        info.lines,
      );
      rows++;
    }
  } catch (err) {
    source.destroy();
    throw translateError(file, err, errorLine);
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
  if (header === undefined) throw dataError(`${file}: the file is empty (no header row)`);
  if (rows === 0) throw dataError(`${file}: the file has a header but no data rows`);
}

const stopped = (file: string) => new InterruptedError(`interrupted while reading ${file}`);

/** A one-line data error when `file` is missing, not a regular file, or not readable. */
export async function checkReadable(file: string): Promise<void> {
  let isFile: boolean;
  try {
    isFile = (await stat(file)).isFile();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw dataError(`${file}: data file not found`);
    throw fileProblem(file, err, 'read the data file') ?? err;
  }
  if (!isFile) throw dataError(`${file}: not a regular file`);
}

/** Column names, each named and none twice: the same rule for every table format. */
export function checkHeader(file: string, header: string[]): string[] {
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === '') throw dataError(`${file}: header column ${i + 1} has no name`);
    if (seen.has(name)) throw dataError(`${file}: column "${name}" appears twice in the header`);
    seen.add(name);
  });
  return header;
}

/** csv-parse errors (an unclosed quote, a stray one) become one line naming the file and line. */
function translateError(file: string, err: unknown, errorLine: CsvErrorLine): unknown {
  if (!(err instanceof CsvError)) return fileProblem(file, err, 'read the data file') ?? err;
  const { line, reason } = errorLine.of(err);
  return dataError(`${file}: malformed CSV at line ${line}: ${reason}`);
}

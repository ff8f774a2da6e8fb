import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Hash } from 'node:crypto';
import { CsvError, parse } from 'csv-parse';
import { dataError } from '../errors.js';

/** The cells of the columns a caller asked for, read from a CSV with a header row. */
export interface CsvColumns {
  header: string[];
  /** Column index in the header → its trimmed cells, one per data row. */
  cells: Map<number, string[]>;
  /** 1-based line number in the file of each data row (where the row ends). */
  lines: number[];
}

export interface ReadCsvOptions {
  /** Every byte of the file is fed to this hash as it streams by. */
  hash: Hash;
  /**
   * Called once with the header; returns the column indices to keep. It may throw (an unknown
   * column), which stops the read before the rest of the file is parsed.
   */
  pickColumns: (header: string[]) => number[];
}

/**
 * Streams `file` through csv-parse and keeps only the picked columns. Every problem with the
 * file itself (missing, empty, ragged, malformed, bad header) becomes a one-line UsageError.
 */
export async function readCsv(file: string, o: ReadCsvOptions): Promise<CsvColumns> {
  await checkReadable(file);
  const source = createReadStream(file);
  // Field counts are checked here, not by csv-parse: its error can overtake the header record
  // (it parses ahead of this loop) and does not carry the header's length.
  const parser = parse({ bom: true, trim: true, skip_empty_lines: true, info: true, relax_column_count: true });
  source.on('data', (chunk) => o.hash.update(chunk));
  // pipe() does not forward errors of the source; a read error must still end the parse.
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);

  let header: string[] | undefined;
  let picked: number[] = [];
  const cells = new Map<number, string[]>();
  const lines: number[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (header === undefined) {
        header = checkHeader(file, record.map((c) => c.trim()));
        picked = o.pickColumns(header);
        for (const column of picked) cells.set(column, []);
        continue;
      }
      if (record.length !== header.length) {
        throw dataError(`${file}: line ${info.lines} has ${record.length} fields, the header has ${header.length}`);
      }
      for (const column of picked) cells.get(column)!.push(record[column].trim());
      lines.push(info.lines);
    }
  } catch (err) {
    source.destroy();
    throw translateError(file, err);
  }
  if (header === undefined) throw dataError(`${file}: the file is empty (no header row)`);
  if (lines.length === 0) throw dataError(`${file}: the file has a header but no data rows`);
  return { header, cells, lines };
}

async function checkReadable(file: string): Promise<void> {
  try {
    const s = await stat(file);
    if (!s.isFile()) throw dataError(`${file}: not a regular file`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw dataError(`${file}: data file not found`);
    if ((err as NodeJS.ErrnoException).code === 'EACCES') throw dataError(`${file}: data file cannot be read (permission denied)`);
    throw err;
  }
}

function checkHeader(file: string, header: string[]): string[] {
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === '') throw dataError(`${file}: header column ${i + 1} has no name`);
    if (seen.has(name)) throw dataError(`${file}: column "${name}" appears twice in the header`);
    seen.add(name);
  });
  return header;
}

/** csv-parse errors (an unclosed quote, a stray one) become one line naming the file and line. */
function translateError(file: string, err: unknown): unknown {
  if (!(err instanceof CsvError)) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR' || code === 'EACCES') return dataError(`${file}: data file cannot be read (${code})`);
    return err;
  }
  const at = (err as CsvError & { lines?: number }).lines;
  const reason = err.message.replace(/\s+/g, ' ').trim();
  return dataError(`${file}: malformed CSV at line ${at}: ${reason}`);
}

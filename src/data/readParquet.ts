import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Hash } from 'node:crypto';
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import { dataError, fileProblem, InterruptedError, TaskgroupError } from '../errors.js';
import { collectGarbage } from './collectGarbage.js';
import { parquetCell } from './parquetCell.js';
import { checkHeader, checkReadable, type ReadCsvOptions } from './readCsv.js';

/**
 * Streams a Parquet file to `onRow` as readCsv streams a CSV: the same picked cells, as text
 * (parquetCell.ts says how each type is written), so the encoding, its checks and its
 * statistics are the CSV path's, and a Parquet file and the CSV of the same table encode alike.
 * Rows are numbered from 1 (the first data row), where a CSV names lines.
 *
 * The library is hyparquet (with hyparquet-compressors for gzip, brotli, zstd and lz4; snappy
 * is built in): pure JavaScript without dependencies of its own and without an install script,
 * so it installs offline like the rest and loads in about 90 ms, only when a Parquet file is
 * read. It reads a file by byte ranges: the footer, then one row group's chunks of the picked
 * columns at a time, so memory holds one row group of those columns, not the file.
 * parquet-wasm reads whole files into WebAssembly memory; DuckDB's node API brings a native
 * library of tens of megabytes per platform.
 *
 * The fingerprint covers the file's bytes, as for a CSV: they are hashed in a streamed pass of
 * their own (the reader fetches only what it needs, not every byte in order), once the columns
 * asked for are known to be there: a bad file or column is refused before a pass over the file.
 */
export async function readParquet(file: string, o: ReadCsvOptions): Promise<void> {
  await checkReadable(file);
  await checkMagic(file);
  const { read, columns } = await openParquet(file);
  const header = checkHeader(
    file,
    columns.map((column) => column.element.name.trim()),
  );
  const picked = o.pickColumns(header);
  for (const index of picked) {
    if (columns[index].children.length > 0)
      throw dataError(
        `${file}: column "${header[index]}" holds nested values (a list, map or struct); taskgroup reads flat columns`,
      );
  }
  if (Number(read.metadata.num_rows) === 0)
    throw dataError(`${file}: the file has columns but no data rows`);
  // The columns are known good: now the pass over every byte, for the fingerprint.
  await hashFile(file, o.hash, o.signal);
  const names = picked.map((index) => columns[index].element.name);
  let row = 0;
  for (const group of read.metadata.row_groups) {
    if (o.signal?.aborted) throw stopped(file);
    const rowStart = row;
    const rowEnd = rowStart + Number(group.num_rows);
    const values: unknown[][] = [];
    for (const name of names) values.push(await readColumn(read, name, rowStart, rowEnd));
    for (let r = 0; r < rowEnd - rowStart; r++) {
      row++;
      o.onRow(
        values.map((column, k) => parquetCell(column[r], file, names[k], row)),
        row,
      );
    }
    // The group's decoded columns are garbage now; see collectGarbage.ts for why it is asked for.
    values.length = 0;
    collectGarbage();
  }
}

const MAGIC = 'PAR1';

/**
 * A Parquet file starts and ends with `PAR1`: checked on 8 bytes before anything else, so a
 * file that is not Parquet, or was cut short, is refused at once, before the reader loads.
 */
async function checkMagic(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(4);
    const tail = Buffer.alloc(4);
    if (size >= 12) {
      await handle.read(head, 0, 4, 0);
      await handle.read(tail, 0, 4, size - 4);
    }
    if (head.toString('latin1') !== MAGIC || tail.toString('latin1') !== MAGIC)
      throw dataError(
        `${file}: not a Parquet file taskgroup can read (it does not start and end with ${MAGIC}: another format, or cut short)`,
      );
  } finally {
    await handle.close();
  }
}

/** The reader, the file's footer and its top-level columns. */
async function openParquet(file: string) {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } =
    await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  const source = await asyncBufferFromFile(file);
  const metadata = await readFooter(file, () => parquetMetadataAsync(source));
  const read: Reading = { file, source, metadata, parquetRead, compressors };
  return { read, columns: parquetSchema(metadata).children };
}

interface Reading {
  file: string;
  source: AsyncBuffer;
  metadata: FileMetaData;
  parquetRead: typeof import('hyparquet').parquetRead;
  compressors: typeof import('hyparquet-compressors').compressors;
}

/**
 * One column of one row group, decoded. Column by column rather than the group's rows at once:
 * the decoded pages of one column are what is in flight, measured 10 % below reading whole
 * rows on bench:load's table, and no row objects are built.
 */
async function readColumn(
  o: Reading,
  name: string,
  rowStart: number,
  rowEnd: number,
): Promise<unknown[]> {
  const values = new Array<unknown>(rowEnd - rowStart);
  await readFooter(o.file, () =>
    o.parquetRead({
      file: o.source,
      metadata: o.metadata,
      compressors: o.compressors,
      columns: [name],
      rowStart,
      rowEnd,
      onChunk: ({ columnData, rowStart: from }) => {
        // A chunk may begin before the group's first row wanted (hyparquet skips whole pages).
        for (let i = Math.max(0, rowStart - from); i < columnData.length; i++) {
          const at = from - rowStart + i;
          if (at < values.length) values[at] = columnData[i];
        }
      },
    }),
  );
  return values;
}

/** A Parquet file hyparquet cannot read (not Parquet, truncated, an unknown codec): one line naming the file. */
async function readFooter<T>(file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof TaskgroupError) throw error;
    const reason = (error as Error).message.replace(/\s+/g, ' ').trim();
    throw (
      fileProblem(file, error, 'read the data file') ??
      dataError(`${file}: not a Parquet file taskgroup can read (${reason})`)
    );
  }
}

/** Every byte of the file into `hash`, streamed. */
async function hashFile(file: string, hash: Hash, signal?: AbortSignal): Promise<void> {
  try {
    for await (const chunk of createReadStream(file, { signal })) hash.update(chunk as Buffer);
  } catch (error) {
    if (signal?.aborted) throw stopped(file);
    throw fileProblem(file, error, 'read the data file') ?? error;
  }
}

const stopped = (file: string) => new InterruptedError(`interrupted while reading ${file}`);

/**
 * Writes the table of a CSV file as a Parquet file (hyparquet-writer, the writer of the library
 * taskgroup reads Parquet with), for bench:load and the tests that compare the two formats.
 *
 * A column whose non-empty cells are all numbers becomes a DOUBLE column, any other a STRING
 * column; an empty cell is null. Rows go in row groups of `rowGroupRows`, written one group at
 * a time, so a large CSV converts without holding the table.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { fileWriter, ParquetWriter, schemaFromColumnData } from 'hyparquet-writer';

type Cell = number | string | null;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

async function* records(file: string): AsyncGenerator<string[]> {
  yield* createReadStream(file).pipe(parse({ bom: true, trim: true })) as AsyncIterable<string[]>;
}

/** Which columns are numeric: every non-empty cell is a plain number. */
async function numericColumns(file: string): Promise<{ header: string[]; numeric: boolean[] }> {
  let header: string[] | undefined;
  let numeric: boolean[] = [];
  for await (const record of records(file)) {
    if (!header) {
      header = record;
      numeric = record.map(() => true);
      continue;
    }
    record.forEach((cell, c) => {
      if (cell !== '' && !NUMBER.test(cell)) numeric[c] = false;
    });
  }
  return { header: header ?? [], numeric };
}

export async function csvToParquet(
  csvFile: string,
  parquetFile: string,
  rowGroupRows = 100_000,
): Promise<{ rows: number; rowGroups: number }> {
  const { header, numeric } = await numericColumns(csvFile);
  const cellOf = (cell: string, c: number): Cell =>
    cell === '' ? null : numeric[c] ? Number(cell) : cell;
  const columnData = (columns: Cell[][]) =>
    header.map((name, c) => ({
      name,
      data: columns[c],
      type: numeric[c] ? ('DOUBLE' as const) : ('STRING' as const),
      nullable: true,
    }));
  const writer = new ParquetWriter({
    writer: fileWriter(parquetFile),
    schema: schemaFromColumnData({ columnData: columnData(header.map(() => [])) }),
  });
  let columns: Cell[][] = header.map(() => []);
  let rows = 0;
  let groups = 0;
  const flush = async () => {
    if (columns[0].length === 0) return;
    const data = columnData(columns).map(({ name, data }) => ({ name, data }));
    await writer.write({ columnData: data, rowGroupSize: rowGroupRows });
    groups++;
    columns = header.map(() => []);
  };
  let first = true;
  for await (const record of records(csvFile)) {
    if (first) {
      first = false;
      continue;
    }
    record.forEach((cell, c) => columns[c].push(cellOf(cell, c)));
    rows++;
    if (columns[0].length === rowGroupRows) await flush();
  }
  await flush();
  await writer.finish();
  return { rows, rowGroups: groups };
}

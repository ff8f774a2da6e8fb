import { readFileSync } from 'node:fs';
import { CsvError, parse } from 'csv-parse/sync';
import { tableError } from '../errors.js';
import { assertRegularFile } from '../fileKind.js';
import { CsvErrorLine } from './csvErrorLine.js';

/**
 * A loss table (docs/solve.md): one row per candidate network, a `cost` column, an optional
 * `name` column, and one column per task whose non-empty cell is that task's loss in that
 * network (empty: the task is not in it).
 */
export interface LossTable {
  file: string;
  tasks: string[];
  networks: TableNetwork[];
}

export interface TableNetwork {
  name: string;
  cost: number;
  /** loss[t] for tasks[t]; null when the task is not in this network. */
  loss: (number | null)[];
  /** File row (the header is row 1). */
  row: number;
}

export function readLossTable(file: string): LossTable {
  assertRegularFile(`--table ${file}`, file, 'E_TABLE');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw tableError(
      `${file}: cannot read the table (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
    );
  }
  return parseLossTable(text, file);
}

/** Parses and validates; every error is a UsageError naming the file, row and column. */
export function parseLossTable(text: string, file: string): LossTable {
  let records: { record: string[]; info: { lines: number } }[];
  const errorLine = new CsvErrorLine();
  try {
    records = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      on_record: errorLine.onRecord,
    }) as unknown as typeof records;
  } catch (err) {
    if (!(err instanceof CsvError))
      throw tableError(`${file}: not a readable CSV table (${(err as Error).message})`);
    const { line, reason } = errorLine.of(err);
    throw tableError(`${file}, row ${line}: not a readable CSV table (${reason})`);
  }
  if (records.length === 0)
    throw tableError(
      `${file}: the table is empty (expected a header with "cost" and task columns)`,
    );
  const header = records[0].record;
  const layout = columnsOf(header, file);
  const networks = records
    .slice(1)
    .map(({ record, info }) => networkOf(record, info.lines, header, layout, file));
  if (networks.length === 0)
    throw tableError(`${file}: the table has a header but no network rows`);
  layout.tasks.forEach((task, t) => {
    if (!networks.some((net) => net.loss[t] !== null))
      throw tableError(`${file}, column "${task}": no network contains this task`);
  });
  return { file, tasks: layout.tasks.map((_, t) => header[layout.taskColumns[t]]), networks };
}

interface Layout {
  cost: number;
  name: number;
  tasks: string[];
  taskColumns: number[];
}

function columnsOf(header: string[], file: string): Layout {
  const seen = new Map<string, number>();
  header.forEach((h, c) => {
    if (h === '') throw tableError(`${file}, row 1, column ${c + 1}: empty column name`);
    const before = seen.get(h);
    if (before !== undefined)
      throw tableError(
        `${file}, row 1: column "${h}" appears twice (columns ${before + 1} and ${c + 1})`,
      );
    seen.set(h, c);
  });
  const cost = seen.get('cost');
  if (cost === undefined)
    throw tableError(`${file}, row 1: no "cost" column (columns: ${header.join(', ')})`);
  const name = seen.get('name') ?? -1;
  const taskColumns = header.map((_, c) => c).filter((c) => c !== cost && c !== name);
  if (taskColumns.length === 0)
    throw tableError(
      `${file}, row 1: no task columns besides "cost"${name >= 0 ? ' and "name"' : ''}`,
    );
  return { cost, name, tasks: taskColumns.map((c) => header[c]), taskColumns };
}

function networkOf(
  record: string[],
  row: number,
  header: string[],
  layout: Layout,
  file: string,
): TableNetwork {
  if (record.length !== header.length)
    throw tableError(
      `${file}, row ${row}: ${record.length} cells, the header has ${header.length}`,
    );
  const costCell = record[layout.cost];
  const cost = numberOf(costCell);
  if (cost === null)
    throw tableError(`${file}, row ${row}, column "cost": "${costCell}" is not a number ≥ 0`);
  const loss = layout.taskColumns.map((c) => {
    if (record[c] === '') return null;
    const value = numberOf(record[c]);
    if (value === null)
      throw tableError(
        `${file}, row ${row}, column "${header[c]}": loss "${record[c]}" is not a number ≥ 0`,
      );
    return value;
  });
  if (loss.every((l) => l === null))
    throw tableError(`${file}, row ${row}: the network holds no task (every task cell is empty)`);
  const members = layout.tasks.filter((_, t) => loss[t] !== null);
  const name =
    layout.name >= 0 && record[layout.name] !== '' ? record[layout.name] : members.join('+');
  return { name, cost, loss, row };
}

/** A finite number ≥ 0 written in decimal (no hex, no "Infinity"), else null. */
function numberOf(cell: string): number | null {
  if (!/^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell)) return null;
  const value = Number(cell);
  return Number.isFinite(value) ? value : null;
}

import type { Hash } from 'node:crypto';
import { FeatureProfile } from './featureProfile.js';
import type { ResolvedLoadOptions } from './loadOptions.js';
import { pickColumns } from './pickColumns.js';
import { tableFormatOf } from './tableFormats.js';
import { RowSample } from './rowSample.js';
import { rowPosition } from './split.js';
import { LabelProfile } from './labelProfile.js';

/**
 * What one streaming pass over the file (CSV or Parquet: tableFormats.ts) leaves: a profile of every task and feature column over
 * every row (what the types, checks and encodings depend on) and the rows kept on each side of
 * the split, as their picked cells serialised (tasks first, then features in file order).
 */
export interface DatasetScan {
  labels: LabelProfile[];
  features: FeatureProfile[];
  /** The embedded columns, as positions in `features` (file order). */
  embed: number[];
  train: RowSample;
  val: RowSample;
}

/**
 * Reads the file once. Row i is a validation row when its split position is below valFraction;
 * memory holds the profiles and the rows kept (at most maxTrainRows + maxValRows), whatever the
 * file's size.
 */
export async function scanDataset(
  o: ResolvedLoadOptions,
  hash: Hash,
  signal?: AbortSignal,
): Promise<DatasetScan> {
  let scan: DatasetScan | undefined;
  let rows = 0;
  const request = {
    tasks: o.tasks.map((t) => t.name),
    features: o.features,
    exclude: o.exclude,
    embed: o.embed.map((c) => c.column),
  };
  await tableFormatOf(o.file).read(o.file, {
    hash,
    signal,
    pickColumns: (header) => {
      const choice = pickColumns(o.file, header, request);
      scan = {
        labels: o.tasks.map((t) => new LabelProfile(t.name, t.type)),
        features: choice.features.map((i) => new FeatureProfile(header[i], o)),
        embed: choice.embed,
        train: new RowSample(o.maxTrainRows),
        val: new RowSample(o.maxValRows),
      };
      return [...choice.tasks, ...choice.features];
    },
    onRow: (cells, line) => addRow(scan!, rows++, cells, line, o),
  });
  return scan!;
}

function addRow(
  scan: DatasetScan,
  index: number,
  cells: string[],
  line: number,
  o: ResolvedLoadOptions,
): void {
  const position = rowPosition(index, o.splitSeed);
  const train = position >= o.valFraction;
  const tasks = scan.labels.length;
  for (let t = 0; t < tasks; t++) scan.labels[t].add(cells[t], train, line);
  for (let f = 0; f < scan.features.length; f++)
    scan.features[f].add(cells[tasks + f], train, line);
  (train ? scan.train : scan.val).offer(index, position, () => JSON.stringify(cells));
}

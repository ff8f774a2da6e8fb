import { dataError } from '../errors.js';
import { encodeFeatures } from './encodeFeatures.js';
import { finishFingerprint, startFingerprint } from './fingerprint.js';
import { resolveLoadOptions, type LoadOptions } from './loadOptions.js';
import { pickColumns } from './pickColumns.js';
import { readCsv } from './readCsv.js';
import { gatherRows } from './sharedRows.js';
import { splitRows } from './split.js';
import { encodeLabels, resolveTaskType } from './taskLabels.js';
import type { EncodedDataset, TaskSpec } from './types.js';

export type { LoadOptions } from './loadOptions.js';

/**
 * Reads a CSV once and encodes it for proxy training: task labels (binary 0/1 or standardised
 * regression, NaN = masked), encoded features, a deterministic train/validation split, and a
 * fingerprint of bytes and choices. Every problem with the options or the file is a one-line
 * UsageError thrown before anything is returned, so a caller that fails here has written nothing.
 */
export async function loadDataset(options: LoadOptions): Promise<EncodedDataset> {
  const o = resolveLoadOptions(options);
  const hash = startFingerprint();
  const request = { tasks: o.tasks.map((t) => t.name), features: o.features, exclude: o.exclude };
  let featureIndices: number[] = [];
  const csv = await readCsv(o.file, {
    hash,
    pickColumns: (header) => {
      const choice = pickColumns(o.file, header, request);
      featureIndices = choice.features;
      return [...choice.tasks, ...choice.features];
    },
  });
  const column = (name: string): string[] => csv.cells.get(csv.header.indexOf(name))!;

  const tasks: TaskSpec[] = o.tasks.map((t) => ({
    name: t.name,
    type: resolveTaskType(o.file, { name: t.name, type: t.type, cells: column(t.name) }, csv.lines),
  }));
  const split = splitRows(csv.lines.length, o.valFraction, o.splitSeed);
  const labels = tasks.map((t) => encodeLabels(o.file, { ...t, cells: column(t.name) }, split));

  const featureNames = featureIndices.map((i) => csv.header[i]);
  const encoded = encodeFeatures(
    featureNames.map((name) => ({ name, cells: column(name) })),
    split.train,
    o,
  );
  if (encoded.length === 0) {
    throw dataError(`${o.file}: no feature columns left: every feature is constant on the training split`);
  }

  const values = encoded.map((c) => c.values);
  return {
    fingerprint: finishFingerprint(hash, { ...o, tasks, features: featureNames }),
    tasks,
    dim: encoded.length,
    featureNames: encoded.map((c) => c.name),
    trainRows: split.train.length,
    valRows: split.val.length,
    trainX: gatherRows(values, split.train),
    valX: gatherRows(values, split.val),
    trainY: gatherRows(labels, split.train),
    valY: gatherRows(labels, split.val),
  };
}

import { dataError } from '../errors.js';
import { encodeRows } from './sharedRows.js';
import { encodingWarnings } from './encodingWarnings.js';
import { featureLayout } from './encodeFeatures.js';
import { finishFingerprint, startFingerprint } from './fingerprint.js';
import { resolveLoadOptions, type LoadOptions } from './loadOptions.js';
import type { RowSample } from './rowSample.js';
import { scanDataset, type DatasetScan } from './scanDataset.js';
import {
  checkLabelSpread,
  checkSideHasLabels,
  labelEncoder,
  labelUnit,
  resolveTaskType,
} from './taskLabels.js';
import type { EmbeddedColumn, EncodedDataset, TaskSpec } from './types.js';

export type { LoadOptions } from './loadOptions.js';

/**
 * Reads a CSV once, streaming, and encodes it for proxy training: task labels (binary 0/1 or
 * standardised regression, NaN = masked), encoded features, a deterministic train/validation
 * split, and a fingerprint of bytes and choices. Types, statistics and checks cover every row of
 * the file; only the rows kept (maxTrainRows, maxValRows) are held and returned, so memory follows
 * them, not the file. Every problem with the options or the file is a one-line UsageError thrown
 * before anything is returned, so a caller that fails here has written nothing. Aborting
 * `signal` (the first Ctrl-C) stops the read at once with an InterruptedError.
 */
export async function loadDataset(
  options: LoadOptions,
  signal?: AbortSignal,
): Promise<EncodedDataset> {
  const o = resolveLoadOptions(options);
  const hash = startFingerprint();
  const scan = await scanDataset(o, hash, signal);
  const tasks: TaskSpec[] = scan.labels.map((p) => {
    const type = resolveTaskType(o.file, p);
    return { name: p.name, type, unit: labelUnit(p, type) };
  });
  const embedded = new Set(scan.embed);
  const features = featureLayout(o.file, scan.features, o, embedded);
  const embed = embeddedColumns(scan, o.embed);
  const indexers = scan.embed.map((f, c) => ({ cell: f, rows: embed[c].rows }));
  const labels = scan.labels.map((p, t) => labelEncoder(p, tasks[t].type));
  const train = encodeRows(scan.train.byPosition(), labels, features, indexers);
  const val = encodeRows(scan.val.byIndex(), labels, features, indexers);
  scan.labels.forEach((p, t) => {
    checkSideHasLabels(o.file, p.name, side('training', scan.train), train.labelled[t]);
    checkSideHasLabels(o.file, p.name, side('validation', scan.val), val.labelled[t]);
    checkLabelSpread(o.file, p, tasks[t].type);
  });
  if (features.names.length === 0 && embed.length === 0) {
    throw dataError(
      `${o.file}: no feature columns left: every feature is constant on the training split`,
    );
  }

  const featureNames = scan.features.map((p) => p.name);
  return {
    fingerprint: finishFingerprint(hash, {
      ...o,
      tasks,
      features: featureNames,
      embed,
      trainRowsKept: rowsKept(scan.train),
      valRowsKept: rowsKept(scan.val),
    }),
    tasks,
    dim: features.names.length,
    featureNames: features.names,
    featureColumns: features.encoders.flatMap((encoder, k) =>
      encoder.names.map(() => featureNames[k]),
    ),
    trainRows: scan.train.size,
    valRows: scan.val.size,
    trainX: train.x,
    valX: val.x,
    trainY: train.y,
    valY: val.y,
    ...(embed.length > 0
      ? { embed: { columns: embed, trainIds: train.ids, valIds: val.ids } }
      : {}),
    warnings: encodingWarnings(scan.features, embedded, o),
  };
}

/** The embedded columns in file order (the order their vectors take in a network's input). */
function embeddedColumns(scan: DatasetScan, embed: EmbeddedColumn[]): EmbeddedColumn[] {
  return scan.embed.map((f) => embed.find((c) => c.column === scan.features[f].name)!);
}

const side = (name: 'training' | 'validation', rows: RowSample) => ({
  name,
  kept: rows.size,
  total: rows.seen,
});

const rowsKept = (rows: RowSample): number | 'all' => (rows.size < rows.seen ? rows.size : 'all');

import { MmoeLayout } from '../../src/proxy/architectures/mmoeLayout.js';
import type { EncodedDataset } from '../../src/data/types.js';
import type { LayerBank } from '../../src/proxy/layerBank.js';
import { NetworkLayout } from '../../src/proxy/layout.js';
import { TASK_LOSSES } from '../../src/proxy/losses.js';
import type { RunSpec } from '../../src/proxy/types.js';

/**
 * The training loss of one batch, written the plain way in float64 from the formulas (no
 * kernel, no tfjs): the reference the tests take finite differences of. Either architecture,
 * with the dataset's embedded columns read from `tables` (one rows × dim table per column).
 */
export function referenceLoss(
  ds: EncodedDataset,
  spec: RunSpec,
  rows: Int32Array,
  params: ArrayLike<number>,
  tables: ArrayLike<number>[],
): number {
  return referenceTaskLosses(ds, spec, rows, params, tables).reduce((a, b) => a + b, 0);
}

/** Each task's mean loss over the batch rows with its label (0 without any), as referenceLoss. */
export function referenceTaskLosses(
  ds: EncodedDataset,
  spec: RunSpec,
  rows: Int32Array,
  params: ArrayLike<number>,
  tables: ArrayLike<number>[],
): number[] {
  const T = spec.tasks.length;
  const width = inputRow(ds, 0, tables).length;
  const mmoe = spec.architecture?.name === 'mmoe';
  const experts = spec.architecture?.experts ?? 4;
  const layout = mmoe
    ? new MmoeLayout(width, spec.settings, T, experts)
    : new NetworkLayout(width, spec.settings, T);
  const sums = spec.tasks.map(() => ({ loss: 0, count: 0 }));
  for (const r of rows) {
    const x = inputRow(ds, r, tables);
    const towerInputs = mmoe
      ? mixtures(layout as MmoeLayout, params, x)
      : spec.tasks.map(() => bottom(layout as NetworkLayout, params, x));
    spec.tasks.forEach((taskId, p) => {
      const y = ds.trainY[r * ds.tasks.length + taskId];
      if (Number.isNaN(y)) return;
      const logit = head(layout, params, p, bankForward(layout.towers, params, p, towerInputs[p]));
      sums[p].loss += TASK_LOSSES[ds.tasks[taskId].type].value(logit, y);
      sums[p].count++;
    });
  }
  return sums.map((s) => (s.count > 0 ? s.loss / s.count : 0));
}

/** Row r's input: its dense features, then each embedded column's vector. */
function inputRow(ds: EncodedDataset, r: number, tables: ArrayLike<number>[]): number[] {
  const x = Array.from(ds.trainX.subarray(r * ds.dim, (r + 1) * ds.dim));
  ds.embed?.columns.forEach((c, j) => {
    const id = ds.embed!.trainIds[r * ds.embed!.columns.length + j];
    for (let k = 0; k < c.dim; k++) x.push(tables[j][id * c.dim + k]);
  });
  return x;
}

/** relu(x · W + b) (or without relu), W and b read through `w` and `b`. */
function dense(
  x: number[],
  out: number,
  w: (row: number, col: number) => number,
  b: (col: number) => number,
  relu: boolean,
): number[] {
  return Array.from({ length: out }, (_, col) => {
    let z = b(col);
    x.forEach((v, row) => (z += v * w(row, col)));
    return relu ? Math.max(z, 0) : z;
  });
}

function bottom(layout: NetworkLayout, params: ArrayLike<number>, x: number[]): number[] {
  return layout.bottom.reduce(
    (h, l) =>
      dense(
        h,
        l.out,
        (r, c) => params[l.w + r * l.out + c],
        (c) => params[l.b + c],
        true,
      ),
    x,
  );
}

/** Member p of a bank (a tower, an expert) on input x. */
function bankForward(bank: LayerBank, params: ArrayLike<number>, p: number, x: number[]): number[] {
  return bank.layers.reduce(
    (h, layer, l) =>
      dense(
        h,
        layer.out,
        (r, c) => params[bank.weight(l, p, r, c)],
        (c) => params[bank.bias(l, p, c)],
        true,
      ),
    x,
  );
}

/** Each task's Σ_e g_te · expert_e(x), its gate a softmax over the experts. */
function mixtures(layout: MmoeLayout, params: ArrayLike<number>, x: number[]): number[][] {
  const E = layout.experts;
  const outs = Array.from({ length: E }, (_, e) => bankForward(layout.expert, params, e, x));
  const { gate } = layout;
  const logits = dense(
    x,
    gate.out,
    (r, c) => params[gate.w + r * gate.out + c],
    (c) => params[gate.b + c],
    false,
  );
  return Array.from({ length: layout.tasks }, (_, t) => {
    const z = logits.slice(t * E, t * E + E);
    const top = Math.max(...z);
    const g = z.map((v) => Math.exp(v - top));
    const sum = g.reduce((a, b) => a + b, 0);
    return outs[0].map((_, c) => g.reduce((s, ge, e) => s + (ge / sum) * outs[e][c], 0));
  });
}

function head(
  layout: { head: { in: number; w: number; b: number } },
  params: ArrayLike<number>,
  p: number,
  h: number[],
): number {
  const { head } = layout;
  return h.reduce((s, v, k) => s + v * params[head.w + p * head.in + k], params[head.b + p]);
}

import * as tf from '@tensorflow/tfjs';
import type { TaskType } from '../data/types.js';
import { NetworkLayout } from './layout.js';
import { TASK_LOSSES } from './losses.js';

/**
 * The proxy network written the straightforward TensorFlow.js way: one variable per layer and
 * task, autograd for gradients. It is the reference the kernels are tested against, the trainer
 * on backends where tfjs's own kernels are fast (tfjs-node) or the user asked for (cpu), and the
 * "naive" row of bench:train.
 *
 * Each variable remembers where its elements live in the flat layout, so gradients and weights
 * convert to and from the kernels' parameter vector.
 */
export interface PlainParam {
  variable: tf.Variable;
  /** offsets[i] = index in the flat parameter vector of the variable's i-th element. */
  offsets: Int32Array;
}

interface PlainLayer {
  w: PlainParam;
  b: PlainParam;
}

export class PlainNetwork {
  readonly layout: NetworkLayout;
  readonly params: PlainParam[] = [];
  private readonly bottom: PlainLayer[] = [];
  /** towers[p][l]: task p's tower layers, the head last. */
  private readonly towers: PlainLayer[][] = [];

  constructor(layout: NetworkLayout, flat: Float32Array) {
    this.layout = layout;
    for (const layer of layout.bottom) {
      this.bottom.push(
        this.layer(
          flat,
          layer.in,
          layer.out,
          (r, c) => layer.w + r * layer.out + c,
          (c) => layer.b + c,
        ),
      );
    }
    for (let p = 0; p < layout.tasks; p++) {
      const tower = layout.tower.map((layer, l) =>
        this.layer(
          flat,
          layer.in,
          layer.out,
          (r, c) => layout.towerWeight(l, p, r, c),
          (c) => layout.towerBias(l, p, c),
        ),
      );
      const head = layout.head;
      tower.push(
        this.layer(
          flat,
          head.in,
          1,
          (r) => head.w + p * head.in + r,
          () => head.b + p,
        ),
      );
      this.towers.push(tower);
    }
  }

  /** Logits, one m × 1 tensor per task. */
  logits(x: tf.Tensor2D): tf.Tensor2D[] {
    let h = x;
    for (const layer of this.bottom) h = tf.relu(dense(h, layer));
    return this.towers.map((tower) => {
      let t = h;
      tower.forEach((layer, l) => {
        t = l < tower.length - 1 ? tf.relu(dense(t, layer)) : dense(t, layer);
      });
      return t;
    });
  }

  /**
   * The training loss: sum over tasks of the mean loss over labelled rows. `labels[p]` holds 0
   * where the label is missing, `masks[p]` 1 where present, `counts[p]` the number present.
   */
  loss(
    x: tf.Tensor2D,
    types: TaskType[],
    labels: tf.Tensor2D[],
    masks: tf.Tensor2D[],
    counts: number[],
  ): tf.Scalar {
    const terms = this.logits(x).map((logit, p) => {
      const each = TASK_LOSSES[types[p]].tensor(tf, logit, labels[p]);
      return tf.div(tf.sum(tf.mul(each, masks[p])), Math.max(counts[p], 1));
    });
    return tf.addN(terms) as tf.Scalar;
  }

  variables(): tf.Variable[] {
    return this.params.map((p) => p.variable);
  }

  /** Per-variable values (weights or gradients) scattered into layout order. */
  toFlat(values: Float32Array[]): Float32Array {
    const flat = new Float32Array(this.layout.size);
    this.params.forEach((param, i) => {
      param.offsets.forEach((offset, j) => {
        flat[offset] = values[i][j];
      });
    });
    return flat;
  }

  dispose(): void {
    for (const param of this.params) param.variable.dispose();
  }

  private layer(
    flat: Float32Array,
    rows: number,
    cols: number,
    w: (r: number, c: number) => number,
    b: (c: number) => number,
  ): PlainLayer {
    const wOffsets = new Int32Array(rows * cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) wOffsets[r * cols + c] = w(r, c);
    const bOffsets = Int32Array.from({ length: cols }, (_, c) => b(c));
    return { w: this.param(flat, wOffsets, [rows, cols]), b: this.param(flat, bOffsets, [cols]) };
  }

  private param(flat: Float32Array, offsets: Int32Array, shape: number[]): PlainParam {
    const values = Float32Array.from(offsets, (offset) => flat[offset]);
    const initial = tf.tensor(values, shape);
    const param = { variable: tf.variable(initial), offsets };
    initial.dispose(); // the variable keeps its own reference to the data
    this.params.push(param);
    return param;
  }
}

function dense(x: tf.Tensor2D, layer: PlainLayer): tf.Tensor2D {
  return tf.add(tf.matMul(x, layer.w.variable as tf.Tensor2D), layer.b.variable);
}

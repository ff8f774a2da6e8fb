import type { NetworkLayout } from '../layout.js';
import type { KernelArena, KernelExports } from './kernelModule.js';
import { KernelParams, type InputGradient, type KernelModel } from './kernelParams.js';
import type { KernelScratch } from './kernelScratch.js';
import { mat, mul, mulAT, mulWT } from './products.js';
import { towersBackward, towersForward } from './towerPasses.js';

/**
 * Columns of the towers' first layer per block of the forward pass (see forward): a block of a
 * batch's activations then stays in the core's cache (256 rows × 256 columns: 256 KB). Forward
 * of 256 rows, bottom 128-64, towers of 32, best of 15 rounds in CPU time: at 200 tasks 1.59 ms
 * against 2.06 unblocked natively (AVX-512), 5.07 against 6.42 in WebAssembly; at 12 and 60 tasks
 * the same within 3 %, as are blocks of 128 to 1024 columns.
 */
const TOWER_BLOCK_COLUMNS = 256;

/**
 * One shared-bottom network's parameters, gradients and Adam moments in kernel memory
 * (kernelParams.ts), and its forward and backward passes written by hand. Every matrix product
 * runs untransposed or reads A through strides (kernels.c `mm`); the only transposes are of
 * weight matrices, which are small.
 *
 * Shapes for a batch of m rows: activations are m × width row-major; tower activations hold all
 * tasks side by side (task p at column p·out); logits are task-major (tasks × batchCap).
 */
export class KernelNetwork extends KernelParams implements KernelModel {
  readonly layout: NetworkLayout;
  /** The input columns whose gradient backward() writes (the embeddings), if any. */
  private readonly inputGrad?: InputGradient;

  constructor(
    arena: KernelArena,
    layout: NetworkLayout,
    initial: Float32Array,
    inputGrad?: InputGradient,
  ) {
    super(arena, initial);
    this.layout = layout;
    this.inputGrad = inputGrad;
  }

  /**
   * Logits (without head bias) of m rows of x (leading dimension ldx) into scratch.logits.
   * The towers run a block of tasks at a time, each block's layers and heads one after the
   * other, so that a block's activations are still in cache when the next layer reads them;
   * the numbers are those of one product over every task (a product's columns are independent).
   */
  forward(k: KernelExports, s: KernelScratch, x: number, ldx: number, m: number): void {
    const { layout } = this;
    let input = mat(x, ldx);
    layout.bottom.forEach((layer, l) => {
      const out = mat(s.bottomAct[l], layer.out);
      mul(k, input, mat(this.params + 4 * layer.w, layer.out), out, m, layer.in, layer.out);
      k.bias_act(out.at, layer.out, this.params + 4 * layer.b, m, layer.out, 1);
      input = out;
    });
    const widest = Math.max(1, ...layout.tower.map((t) => t.out));
    const block = Math.max(1, Math.floor(TOWER_BLOCK_COLUMNS / widest));
    for (let p0 = 0; p0 < layout.tasks; p0 += block) {
      const towers = { mat: input, perTask: false, grad: 0 };
      towersForward(k, s, this, towers, m, [p0, Math.min(layout.tasks, p0 + block)]);
    }
  }

  /**
   * Gradients of the loss into `grads`, given scratch.dlogits (tasks × batchCap) and the head
   * bias gradients already written by the caller. Needs the activations of forward().
   */
  backward(k: KernelExports, s: KernelScratch, x: number, ldx: number, m: number): void {
    const { layout } = this;
    const last = layout.bottom.length - 1;
    const towers =
      last >= 0
        ? {
            mat: mat(s.bottomAct[last], layout.sharedWidth),
            perTask: false,
            grad: s.bottomGrad[last],
          }
        : { mat: mat(x, ldx), perTask: false, grad: 0 };
    towersBackward(k, s, this, towers, m);
    this.bottomBackward(k, s, x, ldx, m, this.grads);
  }

  /**
   * The bottom's part of backward(): from the gradient of the bottom's output, in
   * s.bottomGrad[last], to the bottom's parameter gradients, written at their layout offsets
   * from `g` (the bottom's parameters come first in the layout, so a buffer of the bottom's
   * size serves), and, when the network has embedding columns, their gradient into `inputGrad`
   * (by default where the network was told). Needs the activations of forward(); overwrites
   * s.bottomGrad.
   */
  bottomBackward(
    k: KernelExports,
    s: KernelScratch,
    x: number,
    ldx: number,
    m: number,
    g: number,
    inputGrad = this.inputGrad?.at,
  ) {
    const { layout } = this;
    for (let l = layout.bottom.length - 1; l >= 0; l--) {
      const layer = layout.bottom[l];
      const dz = mat(s.bottomGrad[l], layer.out);
      k.relu_bwd(dz.at, layer.out, s.bottomAct[l], layer.out, m, layer.out, g + 4 * layer.b);
      const input = l > 0 ? mat(s.bottomAct[l - 1], layer.in) : mat(x, ldx);
      mulAT(k, input, dz, mat(g + 4 * layer.w, layer.out), layer.in, m, layer.out);
      if (l > 0) {
        const w = mat(this.params + 4 * layer.w, layer.out);
        mulWT(k, dz, w, s.wt, mat(s.bottomGrad[l - 1], layer.in), m, layer);
      } else if (this.inputGrad && inputGrad) {
        const { from, width } = this.inputGrad;
        const w = mat(this.params + 4 * (layer.w + from * layer.out), layer.out);
        mulWT(k, dz, w, s.wt, mat(inputGrad, width), m, { in: width, out: layer.out });
      }
    }
  }
}

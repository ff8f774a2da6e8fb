import { NetworkLayout } from '../layout.js';
import type { KernelArena, KernelExports } from './kernelModule.js';
import type { KernelScratch } from './kernelScratch.js';

/**
 * Columns of the towers' first layer per block of the forward pass (see forward): a block of a
 * batch's activations then stays in the core's cache (256 rows × 256 columns: 256 KB). Forward
 * of 256 rows, bottom 128-64, towers of 32, best of 15 rounds in CPU time: at 200 tasks 1.59 ms
 * against 2.06 unblocked natively (AVX-512), 5.07 against 6.42 in WebAssembly; at 12 and 60 tasks
 * the same within 3 %, as are blocks of 128 to 1024 columns.
 */
const TOWER_BLOCK_COLUMNS = 256;

/** Adam's constants (tfjs's defaults; PyTorch uses eps 1e-8, indistinguishable here). */
export const ADAM = Object.freeze({ beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });

/**
 * One network's parameters, gradients and Adam moments in kernel memory, and its forward and
 * backward passes written by hand. Every matrix product runs untransposed or reads A through
 * strides (kernels.c `mm`); the only transposes are of weight matrices, which are small.
 *
 * Shapes for a batch of m rows: activations are m × width row-major; tower activations hold all
 * tasks side by side (task p at column p·out); logits are task-major (tasks × batchCap).
 */
export class KernelNetwork {
  readonly layout: NetworkLayout;
  readonly params: number;
  readonly grads: number;
  /** Adam's first and second moment estimates. */
  private readonly moment1: number;
  private readonly moment2: number;
  private steps = 0;
  paramsView!: Float32Array;
  gradsView!: Float32Array;

  constructor(arena: KernelArena, layout: NetworkLayout, initial: Float32Array) {
    this.layout = layout;
    this.params = arena.allocFrom(initial);
    this.grads = arena.alloc(layout.size);
    this.moment1 = arena.alloc(layout.size);
    this.moment2 = arena.alloc(layout.size);
    arena.f32(this.moment1, layout.size).fill(0);
    arena.f32(this.moment2, layout.size).fill(0);
  }

  bindViews(arena: KernelArena): void {
    this.paramsView = arena.f32(this.params, this.layout.size);
    this.gradsView = arena.f32(this.grads, this.layout.size);
  }

  /**
   * Logits (without head bias) of m rows of x (leading dimension ldx) into scratch.logits.
   * The towers run a block of tasks at a time, each block's layers and heads one after the
   * other, so that a block's activations are still in cache when the next layer reads them;
   * the numbers are those of one product over every task (a product's columns are independent).
   */
  forward(k: KernelExports, s: KernelScratch, x: number, ldx: number, m: number): void {
    const { layout } = this;
    let input = x;
    let ld = ldx;
    layout.bottom.forEach((layer, l) => {
      const out = s.bottomAct[l];
      k.mm(input, ld, 1, this.params + 4 * layer.w, layer.out, out, layer.out, m, layer.in, layer.out, 0);
      k.bias_act(out, layer.out, this.params + 4 * layer.b, m, layer.out, 1);
      input = out;
      ld = layer.out;
    });
    const block = Math.max(1, Math.floor(TOWER_BLOCK_COLUMNS / Math.max(1, ...layout.tower.map((t) => t.out))));
    for (let p0 = 0; p0 < layout.tasks; p0 += block) {
      this.towersForward(k, s, input, ld, m, p0, Math.min(layout.tasks, p0 + block));
    }
  }

  /** Tower layers and heads of tasks p0 … p1−1, from the bottom's output `shared`. */
  private towersForward(k: KernelExports, s: KernelScratch, shared: number, ldShared: number, m: number,
    p0: number, p1: number): void {
    const { layout } = this;
    const T = layout.tasks;
    let input = shared;
    let ld = ldShared;
    let perTask = 0; // the first tower layer (or the heads) of every task reads the same columns
    layout.tower.forEach((layer, l) => {
      const out = s.towerAct[l];
      const width = T * layer.out;
      const first = p0 * layer.out;
      if (l === 0) {
        k.mm(input, ld, 1, this.params + 4 * (layer.w + first), width, out + 4 * first, width, m, layer.in,
          (p1 - p0) * layer.out, 0);
      } else {
        for (let p = p0; p < p1; p++) {
          k.mm(input + 4 * p * layer.in, ld, 1, this.params + 4 * layout.towerWeight(l, p, 0, 0),
            layer.out, out + 4 * p * layer.out, width, m, layer.in, layer.out, 0);
        }
      }
      k.bias_act(out + 4 * first, width, this.params + 4 * (layer.b + first), m, (p1 - p0) * layer.out, 1);
      input = out;
      ld = width;
      perTask = layer.out;
    });
    const head = layout.head;
    for (let p = p0; p < p1; p++) {
      k.matvec(input + 4 * p * perTask, ld, this.params + 4 * (head.w + p * head.in),
        s.logits + 4 * p * s.batchCap, 1, m, head.in);
    }
  }

  /**
   * Gradients of the loss into `grads`, given scratch.dlogits (tasks × batchCap) and the head
   * bias gradients already written by the caller. Needs the activations of forward().
   */
  backward(k: KernelExports, s: KernelScratch, x: number, ldx: number, m: number): void {
    const { layout } = this;
    const T = layout.tasks;
    const g = this.grads;
    const hasBottom = layout.bottom.length > 0;
    const nTower = layout.tower.length;
    const sharedAct = hasBottom ? s.bottomAct[layout.bottom.length - 1] : x;
    const sharedLd = hasBottom ? layout.sharedWidth : ldx;
    const sharedGrad = hasBottom ? s.bottomGrad[layout.bottom.length - 1] : 0;

    // Heads: dw_p = H_pᵀ·dl_p and dH_p = dl_p ⊗ w_p, for every task in one pass over the rows.
    const head = layout.head;
    const lastAct = nTower > 0 ? s.towerAct[nTower - 1] : sharedAct;
    const lastGrad = nTower > 0 ? s.towerGrad[nTower - 1] : sharedGrad;
    const lastLd = nTower > 0 ? T * head.in : sharedLd;
    const perTask = nTower > 0 ? head.in : 0;
    k.head_bwd(lastAct, lastLd, perTask, s.dlogits, s.batchCap, this.params + 4 * head.w,
      g + 4 * head.w, nTower > 0 || hasBottom ? lastGrad : 0, T, head.in, m);

    for (let l = nTower - 1; l >= 0; l--) {
      const layer = layout.tower[l];
      const width = T * layer.out;
      const dz = s.towerGrad[l];
      k.relu_bwd(dz, width, s.towerAct[l], width, m, width, g + 4 * layer.b);
      if (l > 0) {
        const inWidth = T * layer.in;
        for (let p = 0; p < T; p++) {
          const w = layout.towerWeight(l, p, 0, 0);
          const input = s.towerAct[l - 1] + 4 * p * layer.in;
          k.mm(input, 1, inWidth, dz + 4 * p * layer.out, width, g + 4 * w, layer.out,
            layer.in, m, layer.out, 0);
          k.transpose(this.params + 4 * w, layer.out, s.wt, layer.in, layer.out);
          k.mm(dz + 4 * p * layer.out, width, 1, s.wt, layer.in, s.towerGrad[l - 1] + 4 * p * layer.in,
            inWidth, m, layer.out, layer.in, 0);
        }
      } else {
        k.mm(sharedAct, 1, sharedLd, dz, width, g + 4 * layer.w, width, layer.in, m, width, 0);
        if (hasBottom) {
          k.transpose(this.params + 4 * layer.w, width, s.wt, layer.in, width);
          k.mm(dz, width, 1, s.wt, layer.in, sharedGrad, layer.in, m, width, layer.in, 0);
        }
      }
    }

    this.bottomBackward(k, s, x, ldx, m, g);
  }

  /**
   * The bottom's part of backward(): from the gradient of the bottom's output, in
   * s.bottomGrad[last], to the bottom's parameter gradients, written at their layout offsets
   * from `g` (the bottom's parameters come first in the layout, so a buffer of the bottom's
   * size serves). Needs the activations of forward(); overwrites s.bottomGrad.
   */
  bottomBackward(k: KernelExports, s: KernelScratch, x: number, ldx: number, m: number, g: number): void {
    const { layout } = this;
    for (let l = layout.bottom.length - 1; l >= 0; l--) {
      const layer = layout.bottom[l];
      const dz = s.bottomGrad[l];
      k.relu_bwd(dz, layer.out, s.bottomAct[l], layer.out, m, layer.out, g + 4 * layer.b);
      const input = l > 0 ? s.bottomAct[l - 1] : x;
      const ld = l > 0 ? layer.in : ldx;
      k.mm(input, 1, ld, dz, layer.out, g + 4 * layer.w, layer.out, layer.in, m, layer.out, 0);
      if (l > 0) {
        k.transpose(this.params + 4 * layer.w, layer.out, s.wt, layer.in, layer.out);
        k.mm(dz, layer.out, 1, s.wt, layer.in, s.bottomGrad[l - 1], layer.in, m, layer.out, layer.in, 0);
      }
    }
  }

  /** One Adam step on every parameter. */
  adamStep(k: KernelExports, learningRate: number): void {
    this.steps++;
    const bc1 = 1 - ADAM.beta1 ** this.steps;
    const bc2 = 1 - ADAM.beta2 ** this.steps;
    k.adam(this.params, this.grads, this.moment1, this.moment2, this.layout.size, learningRate / bc1,
      ADAM.beta1, ADAM.beta2, 1 / Math.sqrt(bc2), ADAM.epsilon);
  }
}

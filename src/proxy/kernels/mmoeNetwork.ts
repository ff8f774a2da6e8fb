import type { MmoeLayout } from '../architectures/mmoeLayout.js';
import type { KernelArena, KernelExports } from './kernelArena.js';
import { KernelParams, type InputGradient, type KernelModel } from './kernelParams.js';
import type { KernelScratch } from './kernelScratch.js';
import { mat, mul, mulAT, mulWT, type Mat } from './products.js';
import { towersBackward, towersForward, type TowerInput } from './towerPasses.js';

/**
 * One MMoE network (architectures/mmoeLayout.ts) in kernel memory and its passes by hand. The
 * experts' first layer is one wide product (every expert reads the input); later expert layers
 * are one product per expert; the gates are one product for every task (E logits each), then
 * softmax and the mixture in kernels.c; the towers are those of the shared-bottom network, each
 * reading its own task's mixture.
 *
 * Its activations live beside its parameters (the pass's scratch serves the towers and logits):
 * expert layer l's output `act[l]` is m × (E·h_l), expert e at columns e·h_l; the gates m ×
 * (tasks·E), logits then probabilities in place; the mixtures m × (tasks·H).
 */
export class MmoeNetwork extends KernelParams implements KernelModel {
  readonly layout: MmoeLayout;
  private readonly inputGrad?: InputGradient;
  private readonly act: number[];
  private readonly actGrad: number[];
  private readonly gates: number;
  private readonly gateGrad: number;
  private readonly mix: number;
  private readonly mixGrad: number;
  /** Room for the largest weight matrix backward() transposes. */
  private readonly wt: number;

  constructor(
    arena: KernelArena,
    layout: MmoeLayout,
    initial: Float32Array,
    batchCap: number,
    inputGrad?: InputGradient,
  ) {
    super(arena, initial);
    this.layout = layout;
    this.inputGrad = inputGrad;
    const { experts: E, tasks: T, expertWidth: H } = layout;
    const layers = layout.expert.layers;
    this.act = layers.map((l) => arena.alloc(batchCap * E * l.out));
    this.actGrad = layers.map((l) => arena.alloc(batchCap * E * l.out));
    this.gates = arena.alloc(batchCap * T * E);
    this.gateGrad = arena.alloc(batchCap * T * E);
    this.mix = arena.alloc(batchCap * T * H);
    this.mixGrad = arena.alloc(batchCap * T * H);
    const width = inputGrad?.width ?? 0;
    const sizes = [...layers.slice(1).map((l) => l.in * l.out), width * E * layers[0].out];
    this.wt = arena.alloc(Math.max(1, width * T * E, ...sizes));
  }

  forward(k: KernelExports, s: KernelScratch, x: number, ldx: number, m: number): void {
    const { layout, params } = this;
    const { experts: E, tasks: T, expertWidth: H, gate } = layout;
    const bank = layout.expert;
    bank.layers.forEach((layer, l) => {
      const width = E * layer.out;
      if (l === 0)
        mul(k, mat(x, ldx), this.weights(0, 0), mat(this.act[0], width), m, layer.in, width);
      else {
        for (let e = 0; e < E; e++) {
          const input = this.expertColumns(this.act[l - 1], l - 1, e);
          const out = this.expertColumns(this.act[l], l, e);
          mul(k, input, this.weights(l, e), out, m, layer.in, layer.out);
        }
      }
      k.bias_act(this.act[l], width, params + 4 * layer.b, m, width, 1);
    });
    mul(k, mat(x, ldx), mat(params + 4 * gate.w, T * E), mat(this.gates, T * E), m, gate.in, T * E);
    k.bias_act(this.gates, T * E, params + 4 * gate.b, m, T * E, 0);
    k.softmax_groups(this.gates, T * E, m, T, E);
    const last = this.act[bank.layers.length - 1];
    k.mixture(this.mix, T * H, this.gates, T * E, last, E * H, m, T, E, H);
    towersForward(k, s, this, this.towerInput(), m, [0, T]);
  }

  backward(k: KernelExports, s: KernelScratch, x: number, ldx: number, m: number): void {
    const { layout, grads } = this;
    const { experts: E, tasks: T, expertWidth: H, gate } = layout;
    const L = layout.expert.layers.length;
    towersBackward(k, s, this, this.towerInput(), m);
    const [last, lastGrad] = [this.act[L - 1], this.actGrad[L - 1]];
    k.mixture_bwd(
      this.mixGrad,
      T * H,
      this.gates,
      T * E,
      last,
      E * H,
      lastGrad,
      this.gateGrad,
      grads + 4 * gate.b,
      m,
      T,
      E,
      H,
    );
    const input = mat(x, ldx);
    mulAT(k, input, mat(this.gateGrad, T * E), mat(grads + 4 * gate.w, T * E), gate.in, m, T * E);
    for (let l = L - 1; l >= 0; l--) this.expertLayerBackward(k, input, l, m);
    if (this.inputGrad) this.inputBackward(k, m);
  }

  /** Expert layer l of every expert: its bias and weight gradients, and its input's gradient. */
  private expertLayerBackward(k: KernelExports, x: Mat, l: number, m: number): void {
    const { layout, grads } = this;
    const E = layout.experts;
    const layer = layout.expert.layers[l];
    const width = E * layer.out;
    const dz = this.actGrad[l];
    k.relu_bwd(dz, width, this.act[l], width, m, width, grads + 4 * layer.b);
    if (l === 0) {
      mulAT(k, x, mat(dz, width), mat(grads + 4 * layer.w, width), layer.in, m, width);
      return;
    }
    for (let e = 0; e < E; e++) {
      const input = this.expertColumns(this.act[l - 1], l - 1, e);
      const dze = this.expertColumns(dz, l, e);
      const at = layout.expert.weightAt(l, e);
      mulAT(k, input, dze, mat(grads + 4 * at, layer.out), layer.in, m, layer.out);
      const below = this.expertColumns(this.actGrad[l - 1], l - 1, e);
      mulWT(k, dze, this.weights(l, e), this.wt, below, m, layer);
    }
  }

  /** The gradient of the embedding columns of the input: through the experts and the gates. */
  private inputBackward(k: KernelExports, m: number): void {
    const { layout, params } = this;
    const { from, width, at } = this.inputGrad!;
    const { experts: E, tasks: T, gate } = layout;
    const first = layout.expert.layers[0];
    const wide = E * first.out;
    const expertsW = mat(params + 4 * (first.w + from * wide), wide);
    mulWT(k, mat(this.actGrad[0], wide), expertsW, this.wt, mat(at, width), m, {
      in: width,
      out: wide,
    });
    const gatesW = mat(params + 4 * (gate.w + from * T * E), T * E);
    const shape = { in: width, out: T * E };
    mulWT(k, mat(this.gateGrad, T * E), gatesW, this.wt, mat(at, width), m, shape, 1);
  }

  /** What the towers read: task p's mixture in columns p·H… */
  private towerInput(): TowerInput {
    const width = this.layout.tasks * this.layout.expertWidth;
    return { mat: mat(this.mix, width), perTask: true, grad: this.mixGrad };
  }

  /** Expert e's columns of an m × (E·h_l) buffer of layer l. */
  private expertColumns(buffer: number, l: number, e: number): Mat {
    const out = this.layout.expert.layers[l].out;
    return mat(buffer + 4 * e * out, this.layout.experts * out);
  }

  /** Expert e's weights in layer l (layer 0: every expert's, the wide matrix, for e = 0). */
  private weights(l: number, e: number): Mat {
    const bank = this.layout.expert;
    return mat(this.params + 4 * bank.weightAt(l, e), bank.weightLd(l));
  }
}

import type { DenseLayer } from '../layerBank.js';
import type { KernelArena, KernelExports } from './kernelArena.js';
import type { KernelScratch } from './kernelScratch.js';

/** Adam's constants (tfjs's defaults; PyTorch uses eps 1e-8, indistinguishable here). */
export const ADAM = Object.freeze({ beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });

/** Step `step`'s (from 1) bias-corrected learning rate and 1 / √(1 − β₂^step), for the kernels. */
export function adamConstants(step: number, learningRate: number) {
  const bc1 = 1 - ADAM.beta1 ** step;
  const bc2 = 1 - ADAM.beta2 ** step;
  return { lrHat: learningRate / bc1, invSqrtBc2: 1 / Math.sqrt(bc2) };
}

/**
 * The gradient of some input columns that backward() writes: columns from … from+width−1 of
 * the network's input (the embeddings), into `at` (m × width, row-major). The embedding tables
 * turn it into the gradients of the rows the batch touched (kernelEmbeddings.ts).
 */
export interface InputGradient {
  from: number;
  width: number;
  at: number;
}

/** A network in kernel memory, whatever its architecture: what the training loop drives. */
export interface KernelModel {
  readonly layout: { readonly tasks: number; readonly head: DenseLayer; readonly size: number };
  readonly params: number;
  readonly grads: number;
  readonly paramsView: Float32Array;
  readonly gradsView: Float32Array;
  bindViews(arena: KernelArena): void;
  /** Logits (without head bias) of m rows of x (leading dimension ldx) into scratch.logits. */
  forward(k: KernelExports, s: KernelScratch, x: number, ldx: number, m: number): void;
  /**
   * Gradients of the loss into `grads` (and of the input columns the network was told of),
   * given scratch.dlogits and the head bias gradients already written. Needs forward()'s
   * activations.
   */
  backward(k: KernelExports, s: KernelScratch, x: number, ldx: number, m: number): void;
  /** One Adam step on every dense parameter. */
  adamStep(k: KernelExports, learningRate: number): void;
}

/** One network's dense parameters, their gradients and Adam moments, in kernel memory. */
export class KernelParams {
  readonly params: number;
  readonly grads: number;
  private readonly size: number;
  /** Adam's first and second moment estimates. */
  private readonly moment1: number;
  private readonly moment2: number;
  private steps = 0;
  paramsView!: Float32Array;
  gradsView!: Float32Array;

  constructor(arena: KernelArena, initial: Float32Array) {
    this.size = initial.length;
    this.params = arena.allocFrom(initial);
    this.grads = arena.alloc(this.size);
    this.moment1 = arena.alloc(this.size);
    this.moment2 = arena.alloc(this.size);
    arena.f32(this.moment1, this.size).fill(0);
    arena.f32(this.moment2, this.size).fill(0);
  }

  bindViews(arena: KernelArena): void {
    this.paramsView = arena.f32(this.params, this.size);
    this.gradsView = arena.f32(this.grads, this.size);
  }

  /** One Adam step on every parameter. */
  adamStep(k: KernelExports, learningRate: number): void {
    const { lrHat, invSqrtBc2 } = adamConstants(++this.steps, learningRate);
    const { beta1, beta2, epsilon } = ADAM;
    const [w, g, m, v] = [this.params, this.grads, this.moment1, this.moment2];
    k.adam(w, g, m, v, this.size, lrHat, beta1, beta2, invSqrtBc2, epsilon);
  }
}

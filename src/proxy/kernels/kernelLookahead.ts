import type { AffinitySums } from '../affinity.js';
import type { KernelArena, KernelExports } from './kernelModule.js';
import type { KernelNetwork } from './kernelNetwork.js';
import { EmbeddingLookahead } from './embeddingLookahead.js';
import type { KernelEmbeddings } from './kernelEmbeddings.js';
import { KernelScratch } from './kernelScratch.js';
import { transposeFirstTower } from './towerPasses.js';
import type { KernelPass, StepObserver } from './kernelTrainer.js';

export { transposeFirstTower };

/** Where a lookahead run's time goes (milliseconds, summed), for `npm run bench:lookahead`. */
export interface LookaheadProfile {
  /** Each task's gradient of the bottom and its SGD step. */
  gradientMs: number;
  /** The forward passes after each task's step. */
  forwardMs: number;
  /** Reading every task's loss before and after. */
  lossMs: number;
}

/**
 * The lookahead of Fifty et al.'s task affinity, on our kernels, between a training step's
 * backward pass and its Adam step (the parameters are still those the batch's forward used).
 * Every `every` steps (from step 0), for each task j with a label in the batch:
 *
 * 1. j's gradient of the bottom alone. Task j's tower is its own, so the backward pass of the
 *    training step already holds it: its columns of the first tower layer's pre-activation
 *    gradient dz (after the ReLU) times that layer's weights of j give the gradient of the
 *    bottom's output for j alone, which the bottom's backward (KernelNetwork.bottomBackward)
 *    turns into parameter gradients. Bitwise what a full backward with the other tasks' logit
 *    gradients set to zero gives (a sum over exact zeros adds nothing), at one tower's cost
 *    instead of all of them.
 * 2. A plain SGD step of the bottom by the learning rate (towers fixed), a forward pass into a
 *    scratch of its own (the training's activations stay for the next task), every task's loss.
 *    With embedded columns, the rows the batch touched are shared parameters too: the bottom's
 *    backward also gives j's gradient of the embedding columns, and the rows take the same step
 *    before the forward pass reads them (embeddingLookahead.ts).
 * 3. The bottom is restored, bit for bit, from a copy, before the next task's gradient (the
 *    bottom's backward reads its weights); the embedding rows once every task has stepped.
 *
 * The SGD step runs in JavaScript over the kernels' memory: it touches the bottom's parameters
 * once per task, against a forward pass that reads them for every row (`npm run bench:lookahead`).
 */
export class KernelLookahead implements StepObserver {
  private readonly every: number;
  private readonly learningRate: number;
  private readonly sums: AffinitySums;
  private readonly profile?: LookaheadProfile;
  private pass!: KernelPass;
  private arena!: KernelArena;
  /** The forward pass after a lookahead step writes here, not over the training's activations. */
  private after!: KernelScratch;
  /** Task j's gradient of the bottom's parameters (the bottom comes first in the layout). */
  private grad = 0;
  /** The first tower layer's weights transposed (tasks·out × in), or the heads' unused dw. */
  private towerT = 0;
  private bottomSize = 0;
  private gradView!: Float32Array;
  private saved!: Float32Array;
  /** The embedding rows' part of each step, when the dataset has embedded columns. */
  private embeddings?: EmbeddingLookahead;

  constructor(sums: AffinitySums, every: number, learningRate: number, profile?: LookaheadProfile) {
    this.sums = sums;
    this.every = every;
    this.learningRate = learningRate;
    this.profile = profile;
  }

  allocate(
    arena: KernelArena,
    net: KernelNetwork,
    pass: KernelPass,
    tables?: KernelEmbeddings,
  ): void {
    const { layout } = net;
    const last = layout.bottom[layout.bottom.length - 1];
    this.pass = pass;
    this.arena = arena;
    this.bottomSize = last.b + last.out;
    this.saved = new Float32Array(this.bottomSize);
    this.after = new KernelScratch(arena, pass.inputs.width, layout, pass.batchCap);
    this.grad = arena.alloc(this.bottomSize);
    const first = layout.tower[0];
    this.towerT = arena.alloc(first ? first.in * layout.tasks * first.out : layout.head.in);
    const batch = pass.inputs.batch;
    if (batch && tables) this.embeddings = new EmbeddingLookahead(arena, batch, tables);
  }

  bindViews(arena: KernelArena): void {
    this.after.bindViews(arena, this.sums.tasks);
    this.embeddings?.bindViews(arena);
    this.gradView = arena.f32(this.grad, this.bottomSize);
  }

  afterBackward(net: KernelNetwork, step: number, batchRows: Int32Array): void {
    if (step % this.every !== 0) return;
    const { k } = this.arena;
    const pass = this.pass;
    const { scratch, inputs } = pass;
    const m = batchRows.length;
    const headBias = (p: number) => net.paramsView[net.layout.head.b + p];
    const t0 = performance.now();
    this.sums.begin(batchRows, scratch.logitsView, scratch.batchCap, headBias);
    this.time('lossMs', t0);
    const bottom = net.paramsView.subarray(0, this.bottomSize);
    this.saved.set(bottom);
    const embeddings = this.embeddings;
    embeddings?.save();
    transposeFirstTower(k, net, this.towerT);
    for (let j = 0; j < this.sums.tasks; j++) {
      if (!this.sums.hasLabels(j)) continue;
      const t1 = performance.now();
      const inputGrad = embeddings?.inputGrad;
      taskBottomGradient(k, net, scratch, this.towerT, j, m, inputs.width, this.grad, inputGrad);
      for (let x = 0; x < this.bottomSize; x++)
        bottom[x] = this.saved[x] - this.learningRate * this.gradView[x];
      embeddings?.step(k, m, this.learningRate);
      const t2 = this.time('gradientMs', t1);
      const x = embeddings
        ? embeddings.input(k, scratch.x, this.after.x, inputs.width, pass.dataset.dim, m)
        : scratch.x;
      net.forward(k, this.after, x, inputs.width, m);
      const t3 = this.time('forwardMs', t2);
      this.sums.add(j, this.after.logitsView, this.after.batchCap, headBias);
      this.time('lossMs', t3);
      bottom.set(this.saved); // the next task's gradient reads the bottom's weights
    }
    embeddings?.restore(); // each step started from the saved rows; the training's step needs them
    this.sums.end();
  }

  private time(phase: keyof LookaheadProfile, since: number): number {
    const now = performance.now();
    if (this.profile) this.profile[phase] += now - since;
    return now;
  }
}

/**
 * Task position j's gradient of the bottom's parameters alone, into `grad` (a buffer of the
 * bottom's size), from what the training step's backward pass left in `s` (step 1 above).
 * `towerT`: what transposeFirstTower wrote; with no tower layer, room for head.in floats. The input rows are s.x (leading dimension ldx). Overwrites
 * s.bottomGrad.
 */
export function taskBottomGradient(
  k: KernelExports,
  net: KernelNetwork,
  s: KernelScratch,
  towerT: number,
  j: number,
  m: number,
  ldx: number,
  grad: number,
  inputGrad?: number,
): void {
  const { layout } = net;
  const width = layout.sharedWidth;
  const outputGrad = s.bottomGrad[layout.bottom.length - 1];
  const first = layout.tower[0];
  if (first) {
    const dz = s.towerGrad[0] + 4 * j * first.out;
    k.mm(
      dz,
      layout.tasks * first.out,
      1,
      towerT + 4 * j * first.out * width,
      width,
      outputGrad,
      width,
      m,
      first.out,
      width,
      0,
    );
  } else {
    const head = layout.head;
    k.head_bwd(
      s.bottomAct[layout.bottom.length - 1],
      width,
      0,
      s.dlogits + 4 * j * s.batchCap,
      s.batchCap,
      net.params + 4 * (head.w + j * head.in),
      towerT,
      outputGrad,
      1,
      head.in,
      m,
    );
  }
  net.bottomBackward(k, s, s.x, ldx, m, grad, inputGrad);
}

import type { RunSpec } from '../types.js';
import type { KernelArena, KernelExports } from './kernelArena.js';
import type { KernelNetwork } from './kernelNetwork.js';
import type { KernelScratch } from './kernelScratch.js';
import type { KernelInputs } from './kernelInputs.js';
import { transposeFirstTower } from './towerPasses.js';

/**
 * MetaBalance (He et al., WWW 2022; `--aux-balance metabalance:R`) on our kernels, between a
 * training step's backward pass and its Adam step. The shared layers are the bottom (and the
 * embedding rows a batch touched); the towers and heads are each task's own and keep their
 * gradients. On the bottom, the step's gradient becomes
 *
 *   g = g_M + Σ_{a ∈ aux} R · ‖g_M‖ / ‖g_a‖ · g_a
 *
 * with g_M the main tasks' gradient (the sum of theirs: what the main tasks together ask of
 * the shared layers), g_a auxiliary task a's, and ‖·‖ the Euclidean norm over every parameter
 * of the bottom. So every auxiliary pulls on the shared layers with R times the main tasks'
 * strength, whatever its loss's scale. An auxiliary without a label in the batch (g_a = 0)
 * adds nothing; a batch without a main label (g_M = 0) lets no auxiliary move the bottom.
 * With embedded columns, each task's gradient of the embedding columns takes the same factor
 * as its bottom gradient (the norms are the bottom's: a row's gradient is a sum over the
 * batch rows that read it, which the norm of the bottom already weighs).
 *
 * Each group's gradient is taken as the lookahead takes one task's (kernelLookahead.ts): its
 * columns of the first tower layer's pre-activation gradient times that layer's weights give
 * the gradient of the bottom's output, which the bottom's backward turns into parameter
 * gradients. The norms, the factor and the sum run in JavaScript over the kernels' memory,
 * every float32 product and sum rounded on its own (Math.fround), so both builds of the
 * kernels give bitwise the same numbers.
 */
/** What MetaBalance reads of a pass (kernelTrainer.ts, KernelPass). */
interface BalancePass {
  readonly arena: KernelArena;
  readonly scratch: KernelScratch;
  readonly inputs: KernelInputs;
  readonly batchCap: number;
}

export class KernelMetaBalance {
  private readonly ratio: number;
  /** Positions in the run's tasks of the main and of the auxiliary tasks. */
  private readonly main: number[];
  private readonly aux: number[];
  private pass!: BalancePass;
  private k!: KernelExports;
  private bottomSize = 0;
  /** The first tower layer's weights transposed, or the heads' unused dw (kernelLookahead.ts). */
  private towerT = 0;
  /** One auxiliary's bottom gradient, and its gradient of the embedding columns (if any). */
  private auxGrad = 0;
  private auxInput = 0;
  /** The output gradient of one more main task, when there are no tower layers to add it in. */
  private more = 0;
  private auxGradView!: Float32Array;
  private auxInputView?: Float32Array;

  constructor(balance: NonNullable<RunSpec['auxBalance']>, tasks: number[]) {
    this.ratio = balance.ratio;
    this.aux = tasks.flatMap((t, p) => (balance.aux.includes(t) ? [p] : []));
    this.main = tasks.flatMap((t, p) => (balance.aux.includes(t) ? [] : [p]));
  }

  allocate(arena: KernelArena, net: KernelNetwork, pass: BalancePass): void {
    const { layout } = net;
    const last = layout.bottom[layout.bottom.length - 1];
    const first = layout.tower[0];
    this.pass = pass;
    this.k = arena.k;
    this.bottomSize = last.b + last.out;
    this.towerT = arena.alloc(first ? first.in * layout.tasks * first.out : layout.head.in);
    this.auxGrad = arena.alloc(this.bottomSize);
    this.more = first ? 0 : arena.alloc(pass.batchCap * layout.sharedWidth);
    const batch = pass.inputs.batch;
    if (batch) this.auxInput = arena.alloc(pass.batchCap * batch.width);
  }

  bindViews(arena: KernelArena): void {
    this.auxGradView = arena.f32(this.auxGrad, this.bottomSize);
    const batch = this.pass.inputs.batch;
    if (batch) this.auxInputView = arena.f32(this.auxInput, this.pass.batchCap * batch.width);
  }

  /** Rebalances the bottom's gradient of the step just taken on `m` rows (see above). */
  rebalance(net: KernelNetwork, m: number): void {
    const { k, pass } = this;
    const { scratch, inputs } = pass;
    transposeFirstTower(k, net, this.towerT);
    this.outputGradient(net, scratch, this.main, m);
    net.bottomBackward(k, scratch, scratch.x, inputs.width, m, net.grads);
    const grads = net.gradsView.subarray(0, this.bottomSize);
    const mainNorm = norm(grads);
    const batch = inputs.batch;
    const inputGrad = batch && pass.arena.f32(batch.inputGrad, m * batch.width);
    for (const a of this.aux) {
      this.outputGradient(net, scratch, [a], m);
      net.bottomBackward(k, scratch, scratch.x, inputs.width, m, this.auxGrad, this.auxInput);
      const auxNorm = norm(this.auxGradView);
      if (!(auxNorm > 0)) continue;
      const factor = Math.fround((this.ratio * mainNorm) / auxNorm);
      addScaled(grads, factor, this.auxGradView);
      if (inputGrad && this.auxInputView) addScaled(inputGrad, factor, this.auxInputView);
    }
  }

  /**
   * The gradient of the bottom's output from the tasks at `positions` alone, summed in their
   * order, into scratch.bottomGrad[last] (what bottomBackward reads). Needs the step's
   * backward pass (its tower gradients) and the transposed first tower layer.
   */
  private outputGradient(net: KernelNetwork, s: KernelScratch, positions: number[], m: number) {
    const { k } = this;
    const { layout } = net;
    const width = layout.sharedWidth;
    const out = s.bottomGrad[layout.bottom.length - 1];
    const first = layout.tower[0];
    positions.forEach((j, x) => {
      if (first) {
        const dz = s.towerGrad[0] + 4 * j * first.out;
        const w = this.towerT + 4 * j * first.out * width;
        k.mm(dz, layout.tasks * first.out, 1, w, width, out, width, m, first.out, width, x);
        return;
      }
      const head = layout.head;
      const into = x === 0 ? out : this.more;
      const dl = s.dlogits + 4 * j * s.batchCap;
      const w = net.params + 4 * (head.w + j * head.in);
      const act = s.bottomAct[layout.bottom.length - 1];
      k.head_bwd(act, width, 0, dl, s.batchCap, w, this.towerT, into, 1, head.in, m);
      if (x > 0)
        addScaled(this.pass.arena.f32(out, m * width), 1, this.pass.arena.f32(into, m * width));
    });
  }
}

/** √(Σ x²), in float64 over float32 values: the same numbers whatever build trained them. */
function norm(values: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
}

/** y ← y + a·x in float32, the product rounded, then the sum (as the kernels do). */
function addScaled(y: Float32Array, a: number, x: Float32Array): void {
  for (let i = 0; i < y.length; i++) y[i] = Math.fround(y[i] + Math.fround(a * x[i]));
}

import type { EncodedDataset } from '../../data/types.js';
import { InternalError, InterruptedError } from '../../errors.js';
import { architectureOf } from '../architectures/index.js';
import { logitGradients } from '../batchLabels.js';
import { NetworkLayout } from '../layout.js';
import { epochOrder } from '../prng.js';
import {
  BestLosses,
  epochsOf,
  runRows,
  validationLosses,
  type ValidationPass,
} from '../schedule.js';
import type { RunResult, RunSpec } from '../types.js';
import type { KernelArena } from './kernelArena.js';
import { KernelEmbeddings } from './kernelEmbeddings.js';
import { KernelInputs } from './kernelInputs.js';
import { KernelNetwork } from './kernelNetwork.js';
import type { KernelModel } from './kernelParams.js';
import { KernelScratch } from './kernelScratch.js';
import { KernelMetaBalance } from './metaBalance.js';

/**
 * Trains several networks of one seed and one settings on our kernels, sharing what they
 * have in common: the data copied into kernel memory once, one row order per epoch, one set of
 * activation buffers. The networks then train one after the other, not in lockstep: a step
 * costs milliseconds against microseconds of kernel-call overhead, so lockstep has nothing to
 * save, while cycling through every network's weights and Adam moments on each batch pushes
 * them out of cache (lockstep measured no faster, at times 25% slower, on the 78 runs of a
 * 12-task search). For the same reason each network's parameters, gradients and moments take
 * the memory of the one before: a pass over 78 networks touches no more memory than one.
 * Nothing a network computes reads another network's numbers, and every kernel's arithmetic is
 * independent of the sizes around it, so each result is bitwise what training it alone gives.
 *
 * `shouldStop` is read once per batch; when it says stop, the pass throws an InterruptedError.
 * Pre: all specs share `seed` and `settings` (checked by the caller), tasks valid. `arena`: the
 * build of the kernels that trains (kernelModule.ts), reset here.
 */
export function trainTogether(
  dataset: EncodedDataset,
  specs: RunSpec[],
  arena: KernelArena,
  shouldStop: () => boolean = () => false,
): RunResult[] {
  const pass = openPass(dataset, specs, arena);
  return specs.map((spec) => trainNetwork(pass, spec, undefined, shouldStop));
}

/** What the networks of one pass share: the data in kernel memory, the row orders, the scratch. */
export interface KernelPass {
  readonly dataset: EncodedDataset;
  readonly arena: KernelArena;
  /** The input rows: dense features and embeddings (kernelInputs.ts). */
  readonly inputs: KernelInputs;
  readonly scratch: KernelScratch;
  readonly orders: Int32Array[];
  /** Training rows of every epoch. */
  readonly rows: number;
  /** Rows per batch (the last batch of an epoch may hold fewer). */
  readonly batchCap: number;
  readonly widestTasks: number;
  /** Time spent setting the pass up, shared out between its networks' trainMs. */
  readonly sharedMs: number;
  readonly networks: number;
  /** Where each network's own memory starts. */
  readonly perNetwork: number;
}

/** Sets up one pass for `specs` (one seed and settings): the arena is reset. */
export function openPass(
  dataset: EncodedDataset,
  specs: RunSpec[],
  arena: KernelArena,
): KernelPass {
  const started = performance.now();
  const { seed, settings } = specs[0];
  arena.reset();
  const rows = runRows(settings, dataset.trainRows);
  const batchCap = Math.max(1, Math.min(settings.batchSize, Math.max(rows, dataset.valRows)));
  const widestTasks = Math.max(...specs.map((s) => s.tasks.length));
  const width = inputWidth(dataset);
  const widest = new NetworkLayout(width, settings, widestTasks);
  const scratch = new KernelScratch(arena, width, widest, batchCap);
  const inputs = new KernelInputs(arena, dataset, rows, scratch);
  const orders = Array.from({ length: epochsOf(settings, dataset.trainRows) }, (_, epoch) =>
    epochOrder(rows, seed, epoch),
  );
  return {
    dataset,
    arena,
    inputs,
    scratch,
    orders,
    rows,
    batchCap,
    widestTasks,
    sharedMs: performance.now() - started,
    networks: specs.length,
    perNetwork: arena.mark(),
  };
}

/**
 * Watches a network train, between each step's backward pass and its Adam step. It may use
 * kernel memory of its own, but must leave the parameters and gradients as it found them (bit
 * for bit), so that the training it watches is the training it would be without it.
 */
export interface StepObserver {
  /**
   * Called once the network (and its embedding tables, if the data has embedded columns) is in
   * kernel memory: allocate here, take no view yet.
   */
  allocate(
    arena: KernelArena,
    net: KernelNetwork,
    pass: KernelPass,
    tables?: KernelEmbeddings,
  ): void;
  /** Called after the last allocation (growing the memory detaches earlier views). */
  bindViews(arena: KernelArena): void;
  /** Step `step` (from 0) on `batchRows`: the scratch holds its activations and logit gradients. */
  afterBackward(net: KernelNetwork, step: number, batchRows: Int32Array): void;
}

/** Trains one network of the pass; the memory of the network before it is reused. */
export function trainNetwork(
  pass: KernelPass,
  spec: RunSpec,
  observer?: StepObserver,
  shouldStop: () => boolean = () => false,
): RunResult {
  const t0 = performance.now();
  const { arena, batchCap, inputs } = pass;
  const { k, build } = arena;
  const { net, tables, balance } = openNetwork(pass, spec, observer);
  const { rows } = pass;
  const { learningRate } = spec.settings;
  const best = new BestLosses();
  let step = 0;
  for (const order of pass.orders) {
    for (let start = 0; start < rows; start += batchCap, step++) {
      if (shouldStop()) throw new InterruptedError('training stopped before the run finished');
      const batchRows = order.subarray(start, Math.min(rows, start + batchCap));
      gradientStep(pass, spec.tasks, net, tables, batchRows);
      balance?.rebalance(sharedBottomOf(net), batchRows.length);
      observer?.afterBackward(sharedBottomOf(net), step, batchRows);
      net.adamStep(k, learningRate);
      tables?.step(k, inputs.batch!, batchRows.length, learningRate);
    }
    best.update(kernelValidationLosses(pass, spec.tasks, net, tables));
  }
  const trainMs = performance.now() - t0 + pass.sharedMs / pass.networks;
  return {
    key: spec.key,
    losses: best.values,
    metrics: best.metrics(pass.dataset, spec.tasks),
    backend: build.name,
    trainMs: Math.round(trainMs),
  };
}

/** One network of `spec` in the pass's memory (the network before it freed), views bound. */
export function openNetwork(
  pass: KernelPass,
  spec: RunSpec,
  observer?: StepObserver,
): { net: KernelModel; tables?: KernelEmbeddings; balance?: KernelMetaBalance } {
  const { arena, dataset, scratch, batchCap, inputs } = pass;
  arena.rewind(pass.perNetwork);
  const shape = { inputWidth: inputs.width, batchCap, inputGrad: inputs.inputGradient() };
  const net = architectureOf(spec).kernelNetwork(arena, shape, spec);
  const tables = dataset.embed && new KernelEmbeddings(arena, dataset.embed.columns, spec.seed);
  const balance = spec.auxBalance && new KernelMetaBalance(spec.auxBalance, spec.tasks);
  balance?.allocate(arena, sharedBottomOf(net), pass);
  observer?.allocate(arena, sharedBottomOf(net), pass, tables);
  // Views are taken after the last allocation: growing the memory detaches earlier ones.
  scratch.bindViews(arena, pass.widestTasks);
  net.bindViews(arena);
  tables?.bindViews(arena);
  inputs.bindViews(arena);
  balance?.bindViews(arena);
  observer?.bindViews(arena);
  return { net, tables, balance };
}

/** A lookahead and MetaBalance work on shared-bottom networks only (checkSpec refuses the others). */
function sharedBottomOf(net: KernelModel): KernelNetwork {
  if (!(net instanceof KernelNetwork))
    throw new InternalError('a step observer was given a network without a shared bottom');
  return net;
}

/** Columns of a network's input: the dense features, then each embedded column's vector. */
export const inputWidth = (dataset: EncodedDataset): number =>
  dataset.dim + (dataset.embed?.columns.reduce((sum, c) => sum + c.dim, 0) ?? 0);

/**
 * Forward and backward on training rows `batchRows`: the loss's gradient lands in net.grads,
 * and that of the embedding columns of the input in pass.inputs.batch.inputGrad.
 */
export function gradientStep(
  pass: KernelPass,
  taskIds: number[],
  net: KernelModel,
  tables: KernelEmbeddings | undefined,
  batchRows: Int32Array,
): void {
  const { arena, dataset, scratch, inputs } = pass;
  const { k } = arena;
  const m = batchRows.length;
  const head = net.layout.head;
  inputs.training(k, tables, batchRows);
  net.forward(k, scratch, scratch.x, inputs.width, m);
  logitGradients(
    dataset,
    taskIds,
    batchRows,
    scratch.logitsView,
    (p) => net.paramsView[head.b + p],
    scratch.batchCap,
    scratch.dlogitsView,
    (p, value) => {
      net.gradsView[head.b + p] = value;
    },
  );
  net.backward(k, scratch, scratch.x, inputs.width, m);
}

/** Each task's mean validation loss and logits, the network's forward pass run on our kernels. */
function kernelValidationLosses(
  pass: KernelPass,
  taskIds: number[],
  net: KernelModel,
  tables: KernelEmbeddings | undefined,
): ValidationPass {
  const { arena, scratch, inputs, dataset } = pass;
  const head = net.layout.head;
  return validationLosses(dataset, taskIds, scratch.batchCap, (start, m) => {
    const x = inputs.validation(arena.k, tables, start, m);
    net.forward(arena.k, scratch, x.at, x.ld, m);
    return (p, i) =>
      Math.fround(scratch.logitsView[p * scratch.batchCap + i] + net.paramsView[head.b + p]);
  });
}

import type { EncodedDataset } from '../../data/types.js';
import { InterruptedError } from '../../errors.js';
import { logitGradients } from '../batchLabels.js';
import { initialParams } from '../init.js';
import { NetworkLayout } from '../layout.js';
import { epochOrder } from '../prng.js';
import { BestLosses, epochsOf, runRows, validationLosses } from '../schedule.js';
import type { RunResult, RunSpec } from '../types.js';
import type { KernelArena } from './kernelArena.js';
import type { KernelExports } from './kernelModule.js';
import { KernelNetwork } from './kernelNetwork.js';
import { KernelScratch } from './kernelScratch.js';

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
  readonly trainX: number;
  readonly valX: number;
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
  const dim = dataset.dim;
  const rows = runRows(settings, dataset.trainRows);
  const batchCap = Math.max(1, Math.min(settings.batchSize, Math.max(rows, dataset.valRows)));
  const widestTasks = Math.max(...specs.map((s) => s.tasks.length));
  const trainX = arena.allocFrom(dataset.trainX.subarray(0, rows * dim));
  const valX = arena.allocFrom(dataset.valX.subarray(0, dataset.valRows * dim));
  const scratch = new KernelScratch(
    arena,
    dim,
    new NetworkLayout(dim, settings, widestTasks),
    batchCap,
  );
  const orders = Array.from({ length: epochsOf(settings, dataset.trainRows) }, (_, epoch) =>
    epochOrder(rows, seed, epoch),
  );
  return {
    dataset,
    arena,
    trainX,
    valX,
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
  /** Called once the network is in kernel memory: allocate here, take no view yet. */
  allocate(arena: KernelArena, net: KernelNetwork, pass: KernelPass): void;
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
  const { arena, dataset, scratch, batchCap } = pass;
  const { k, build } = arena;
  const dim = dataset.dim;
  arena.rewind(pass.perNetwork);
  const layout = new NetworkLayout(dim, spec.settings, spec.tasks.length);
  const net = new KernelNetwork(arena, layout, initialParams(layout, spec.seed, spec.tasks));
  observer?.allocate(arena, net, pass);
  // Views are taken after the last allocation: growing the memory detaches earlier ones.
  scratch.bindViews(arena, pass.widestTasks);
  net.bindViews(arena);
  observer?.bindViews(arena);
  const idx = arena.i32(scratch.idx, batchCap);
  const rows = pass.rows;
  const best = new BestLosses();
  let step = 0;
  for (const order of pass.orders) {
    for (let start = 0; start < rows; start += batchCap, step++) {
      if (shouldStop()) throw new InterruptedError('training stopped before the run finished');
      const batchRows = order.subarray(start, Math.min(rows, start + batchCap));
      idx.set(batchRows);
      k.gather_rows(scratch.x, pass.trainX, scratch.idx, batchRows.length, dim);
      gradientStep(k, dataset, spec.tasks, net, scratch, batchRows);
      observer?.afterBackward(net, step, batchRows);
      net.adamStep(k, spec.settings.learningRate);
    }
    best.update(kernelValidationLosses(dataset, spec.tasks, net, arena, scratch, pass.valX));
  }
  const trainMs = performance.now() - t0 + pass.sharedMs / pass.networks;
  return { key: spec.key, losses: best.values, backend: build.name, trainMs: Math.round(trainMs) };
}

/** Forward and backward on the batch in scratch.x: the loss's gradient lands in net.grads. */
function gradientStep(
  k: KernelExports,
  dataset: EncodedDataset,
  taskIds: number[],
  net: KernelNetwork,
  scratch: KernelScratch,
  batchRows: Int32Array,
): void {
  const m = batchRows.length;
  const head = net.layout.head;
  net.forward(k, scratch, scratch.x, dataset.dim, m);
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
  net.backward(k, scratch, scratch.x, dataset.dim, m);
}

/** Each task's mean validation loss, the network's forward pass run on our kernels. */
function kernelValidationLosses(
  dataset: EncodedDataset,
  taskIds: number[],
  net: KernelNetwork,
  arena: KernelArena,
  scratch: KernelScratch,
  valX: number,
): number[] {
  const head = net.layout.head;
  return validationLosses(dataset, taskIds, scratch.batchCap, (start, m) => {
    net.forward(arena.k, scratch, valX + 4 * start * dataset.dim, dataset.dim, m);
    return (p, i) =>
      Math.fround(scratch.logitsView[p * scratch.batchCap + i] + net.paramsView[head.b + p]);
  });
}

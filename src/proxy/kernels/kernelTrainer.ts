import type { EncodedDataset } from '../../data/types.js';
import { InterruptedError } from '../../errors.js';
import { logitGradients } from '../batchLabels.js';
import { initialParams } from '../init.js';
import { NetworkLayout } from '../layout.js';
import { epochOrder } from '../prng.js';
import { BestLosses, epochsOf, runRows, validationLosses } from '../schedule.js';
import type { RunResult, RunSpec } from '../types.js';
import type { KernelArena, KernelExports } from './kernelModule.js';
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
export function trainTogether(dataset: EncodedDataset, specs: RunSpec[], arena: KernelArena, shouldStop: () => boolean = () => false): RunResult[] {
  const started = performance.now();
  const { seed, settings } = specs[0];
  arena.reset();
  const { k, build } = arena;
  const dim = dataset.dim;
  const rows = runRows(settings, dataset.trainRows);
  const batchCap = Math.max(1, Math.min(settings.batchSize, Math.max(rows, dataset.valRows)));
  const widestTasks = Math.max(...specs.map((s) => s.tasks.length));

  const trainX = arena.allocFrom(dataset.trainX.subarray(0, rows * dim));
  const valX = arena.allocFrom(dataset.valX.subarray(0, dataset.valRows * dim));
  const scratch = new KernelScratch(arena, dim, new NetworkLayout(dim, settings, widestTasks), batchCap);
  const orders = Array.from({ length: epochsOf(settings, dataset.trainRows) }, (_, epoch) => epochOrder(rows, seed, epoch));
  const shared = performance.now() - started;
  const perNetwork = arena.mark();

  return specs.map((spec) => {
    const t0 = performance.now();
    arena.rewind(perNetwork);
    const layout = new NetworkLayout(dim, settings, spec.tasks.length);
    const net = new KernelNetwork(arena, layout, initialParams(layout, seed, spec.tasks));
    // Views are taken after the last allocation: growing the memory detaches earlier ones.
    scratch.bindViews(arena, widestTasks);
    net.bindViews(arena);
    const idx = arena.i32(scratch.idx, batchCap);
    const best = new BestLosses();
    for (const order of orders) {
      for (let start = 0; start < rows; start += batchCap) {
        if (shouldStop()) throw new InterruptedError('training stopped before the run finished');
        const batchRows = order.subarray(start, Math.min(rows, start + batchCap));
        idx.set(batchRows);
        k.gather_rows(scratch.x, trainX, scratch.idx, batchRows.length, dim);
        trainStep(k, dataset, spec.tasks, net, scratch, batchRows, settings.learningRate);
      }
      best.update(kernelValidationLosses(dataset, spec.tasks, net, arena, scratch, valX));
    }
    const losses = best.values;
    const trainMs = performance.now() - t0 + shared / specs.length;
    return { key: spec.key, losses, backend: build.name, trainMs: Math.round(trainMs) };
  });
}

function trainStep(k: KernelExports, dataset: EncodedDataset, taskIds: number[], net: KernelNetwork,
  scratch: KernelScratch, batchRows: Int32Array, learningRate: number): void {
  const m = batchRows.length;
  const head = net.layout.head;
  net.forward(k, scratch, scratch.x, dataset.dim, m);
  logitGradients(dataset, taskIds, batchRows, scratch.logitsView,
    (p) => net.paramsView[head.b + p], scratch.batchCap, scratch.dlogitsView,
    (p, value) => { net.gradsView[head.b + p] = value; });
  net.backward(k, scratch, scratch.x, dataset.dim, m);
  net.adamStep(k, learningRate);
}

/** Each task's mean validation loss, the network's forward pass run on our kernels. */
function kernelValidationLosses(dataset: EncodedDataset, taskIds: number[], net: KernelNetwork,
  arena: KernelArena, scratch: KernelScratch, valX: number): number[] {
  const head = net.layout.head;
  return validationLosses(dataset, taskIds, scratch.batchCap, (start, m) => {
    net.forward(arena.k, scratch, valX + 4 * start * dataset.dim, dataset.dim, m);
    return (p, i) => Math.fround(scratch.logitsView[p * scratch.batchCap + i] + net.paramsView[head.b + p]);
  });
}

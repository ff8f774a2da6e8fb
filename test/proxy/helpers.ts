import type { EncodedDataset } from '../../src/data/types.js';
import type { KernelArena } from '../../src/proxy/kernels/kernelArena.js';
import { nativeKernelsStatus, openNativeKernels } from '../../src/proxy/kernels/nativeKernels.js';
import { openWasmKernels } from '../../src/proxy/kernels/wasmKernels.js';
import { Prng } from '../../src/proxy/prng.js';
import type { ProxySettings, RunSpec } from '../../src/proxy/types.js';
import { referenceDataset, type ReferenceDataOptions } from '../../bench/referenceData.js';

/** A tiny mixed dataset: binary and regression tasks, 20% of labels missing. */
export function tinyDataset(overrides: Partial<ReferenceDataOptions> = {}): EncodedDataset {
  return referenceDataset({
    trainRows: 300,
    valRows: 80,
    dim: 6,
    tasks: 3,
    missing: 0.2,
    types: ['binary', 'regression'],
    seed: 7,
    ...overrides,
  });
}

export const tinySettings: ProxySettings = Object.freeze({
  rows: 250,
  epochs: 2,
  minSteps: 0,
  batchSize: 64,
  learningRate: 0.01,
  bottom: [8, 5],
  tower: [4],
}) as ProxySettings;

export function run(tasks: number[], seed = 1, settings: ProxySettings = tinySettings): RunSpec {
  return { key: `${tasks.join('+')}@${seed}`, tasks, seed, settings };
}

/** Every build of the kernels this machine runs: the wasm module, then each native width. */
export function kernelBuilds(): { name: string; open: () => KernelArena }[] {
  const native = nativeKernelsStatus();
  return [
    { name: 'wasm', open: () => openWasmKernels() },
    ...(native.available
      ? native.isas.map((isa) => ({ name: `native ${isa}`, open: () => openNativeKernels(isa) }))
      : []),
  ];
}

/**
 * `ds` with embedded columns: each row's id in column c drawn (seeded) among the first `used`
 * rows of its table, so that batches touch some rows several times and leave others alone.
 */
export function withEmbeddings(
  ds: EncodedDataset,
  columns: { column: string; dim: number; rows: number; used: number }[],
  seed = 3,
): EncodedDataset {
  const prng = new Prng(seed);
  const ids = (rows: number) => {
    const array = new Int32Array(new SharedArrayBuffer(4 * rows * columns.length));
    array.forEach((_, i) => (array[i] = prng.below(columns[i % columns.length].used)));
    return array;
  };
  return {
    ...ds,
    fingerprint: `${ds.fingerprint}+embed`,
    embed: {
      columns: columns.map(({ column, dim, rows }) => ({ column, dim, rows })),
      trainIds: ids(ds.trainRows),
      valIds: ids(ds.valRows),
    },
  };
}

import type { KernelArena } from '../kernels/kernelArena.js';
import { trainRuns } from '../trainRuns.js';
import { checkCapable } from './capabilities.js';
import { capabilitiesOf, KERNELS_IDENTITY } from './names.js';
import type { Availability, ProxyTrainer } from './types.js';

/**
 * A trainer on one build of kernels.c: the builds differ in speed, never in numbers (each
 * multiply and add rounds on its own, sums in one order, tested).
 * The build is opened once per thread, on first use.
 */
export function kernelTrainer(o: {
  name: string;
  description: string;
  available: () => Availability;
  open: () => KernelArena;
}): ProxyTrainer {
  let arena: KernelArena | undefined;
  const opened = (): KernelArena => (arena ??= o.open());
  return {
    name: o.name,
    identity: KERNELS_IDENTITY,
    description: o.description,
    capabilities: capabilitiesOf(o.name),
    available: o.available,
    prepare: async () => void opened(),
    async train(dataset, specs, shouldStop) {
      checkCapable(o.name, specs, dataset);
      return trainRuns(dataset, specs, opened(), shouldStop);
    },
  };
}

import { UsageError } from '../../errors.js';
import { initialParams } from '../init.js';
import { KernelNetwork } from '../kernels/kernelNetwork.js';
import { NetworkLayout } from '../layout.js';
import type { Architecture } from './types.js';

/**
 * The hard-shared network: one bottom MLP every task reads, one tower per task (layout.ts,
 * kernels/kernelNetwork.ts). The default: a run spec without an architecture trains it, with
 * the numbers it always had.
 */
export const sharedBottom: Architecture = Object.freeze<Architecture>({
  name: 'shared-bottom',
  resolve: () => ({ name: 'shared-bottom' as const }),
  check(choice, _settings, where) {
    const extra = Object.keys(choice).filter((key) => key !== 'name');
    if (extra.length > 0)
      throw new UsageError(`${where}: architecture shared-bottom takes no ${extra.join(', ')}`);
  },
  kernelNetwork(arena, shape, spec) {
    const layout = new NetworkLayout(shape.inputWidth, spec.settings, spec.tasks.length);
    const initial = initialParams(layout, spec.seed, spec.tasks);
    return new KernelNetwork(arena, layout, initial, shape.inputGrad);
  },
});

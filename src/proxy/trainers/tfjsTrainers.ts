import { UsageError } from '../../errors.js';
import { createRequire } from 'node:module';
import type { TfjsBackend } from '../backend.js';
import type { EncodedDataset } from '../../data/types.js';
import type { RunSpec } from '../types.js';
import type { Availability, ProxyTrainer } from './types.js';

const require = createRequire(import.meta.url);

/** The version of an installed package, or undefined when it is not installed. */
export function installedVersion(pkg: string): string | undefined {
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return undefined; // not installed: the trainer that needs it says so in available()
  }
}

/**
 * A trainer on plain TensorFlow.js: the network written the straightforward way, autograd and
 * `optimizer.minimize` (plainTrainer.ts), on one tfjs backend. TensorFlow.js (about 450 ms and
 * 48 MB a thread to load) is imported here on first use and by nothing on the kernels' path.
 *
 * Identity: the trainer and the version of the package that computes (tfjs-core, or tfjs-node's
 * libtensorflow): backends compute with different kernels (XNNPACK, libtensorflow, JavaScript
 * loops), and a new release may change a kernel, so neither shares numbers with another.
 */
export function tfjsTrainer(o: {
  name: string;
  backend: TfjsBackend;
  description: string;
  computes: string;
  available: () => Availability;
}): ProxyTrainer {
  const backendModule = () => import('../backend.js');
  return {
    name: o.name,
    get identity() {
      return `${o.name}@${installedVersion(o.computes) ?? 'not-installed'}`;
    },
    description: o.description,
    available: o.available,
    prepare: async () => void (await (await backendModule()).initBackend(o.backend)),
    async train(dataset, specs, shouldStop) {
      const refusal = kernelsOnly(dataset, specs);
      if (refusal) {
        throw new UsageError(
          `${refusal}: use --backend wasm (this trainer is ${o.name})`,
          'E_BACKEND',
        );
      }
      await (await backendModule()).initBackend(o.backend);
      const { trainPlainRuns } = await import('../plainTrainer.js');
      return trainPlainRuns(dataset, specs, o.name, shouldStop);
    },
  };
}

/**
 * What only taskgroup's kernels train, said in one clause, or undefined: lookahead runs, other
 * architectures than the shared bottom (MMoE), and embedded columns (their sparse updates).
 */
function kernelsOnly(dataset: EncodedDataset, specs: RunSpec[]): string | undefined {
  const lookahead = specs.find((spec) => spec.lookahead);
  if (lookahead) return `run ${lookahead.key}: lookahead runs train on taskgroup's kernels only`;
  const other = specs.find(
    (spec) => (spec.architecture?.name ?? 'shared-bottom') !== 'shared-bottom',
  );
  if (other)
    return `run ${other.key}: ${other.architecture!.name} networks train on taskgroup's kernels only`;
  if (dataset.embed) {
    const columns = dataset.embed.columns.map((c) => c.column).join(', ');
    return `embedded columns (${columns}) train on taskgroup's kernels only`;
  }
  return undefined;
}

/** Always available: tfjs and its wasm backend are dependencies. */
export const installed = (): Availability => ({ ok: true });

import { createRequire } from 'node:module';
import type { TfjsBackend } from '../backend.js';
import { checkCapable } from './capabilities.js';
import { capabilitiesOf } from './names.js';
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
 * 48 MB a thread to load, and an optional peer dependency) is imported here on first use and by
 * nothing on the kernels' path.
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
    capabilities: capabilitiesOf(o.name),
    available: o.available,
    prepare: async () => void (await (await backendModule()).initBackend(o.backend)),
    async train(dataset, specs, shouldStop) {
      checkCapable(o.name, specs, dataset);
      await (await backendModule()).initBackend(o.backend);
      const { trainPlainRuns } = await import('../plainTrainer.js');
      return trainPlainRuns(dataset, specs, o.name, shouldStop);
    },
  };
}

/**
 * Available when `packages` are installed. TensorFlow.js is an optional peer dependency (about
 * 290 MB that only these trainers use): a default install has the kernels alone, and whoever
 * asks for a tfjs trainer is told which package to install.
 */
export const installed =
  (...packages: string[]) =>
  (): Availability => {
    const missing = packages.filter((pkg) => installedVersion(pkg) === undefined);
    return missing.length === 0
      ? { ok: true }
      : {
          ok: false,
          reason: `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed: install ${missing.join(' ')} (npm install ${missing.join(' ')})`,
        };
  };

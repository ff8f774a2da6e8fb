import { UsageError } from '../../errors.js';
import type { ProxySettings, RunSpec } from '../types.js';
import { mmoe } from './mmoe.js';
import { architectureNames, DEFAULT_ARCHITECTURE, type ArchitectureChoice } from './names.js';
import { sharedBottom } from './sharedBottom.js';
import type { Architecture } from './types.js';

export {
  architectureNames,
  MMOE,
  type ArchitectureChoice,
  type ArchitectureName,
} from './names.js';
export type { Architecture, NetworkShape } from './types.js';

/** Every architecture, in the order of architectureNames (the default first). */
export const ARCHITECTURES: readonly Architecture[] = Object.freeze([sharedBottom, mmoe]);
if (ARCHITECTURES.some((a, i) => a.name !== architectureNames[i]))
  throw new Error('architectures/names.ts lists other architectures than index.ts');

/** The architecture a run trains (absent: shared-bottom). Pre: checkArchitecture passed. */
export function architectureOf(spec: Pick<RunSpec, 'architecture'>): Architecture {
  const name = spec.architecture?.name ?? DEFAULT_ARCHITECTURE;
  return ARCHITECTURES.find((a) => a.name === name) as Architecture;
}

/** The choice with its defaults filled in (MMoE's experts), as run keys should hold it. */
export function resolveArchitecture(choice: ArchitectureChoice): ArchitectureChoice {
  return named(choice.name, 'architecture').resolve(choice);
}

/** Rejects an architecture this taskgroup does not know, or fields that do not fit it. */
export function checkArchitecture(
  choice: ArchitectureChoice,
  settings: ProxySettings,
  where: string,
): void {
  named(choice?.name, `${where}: architecture`).check(choice, settings, where);
}

function named(name: unknown, what: string): Architecture {
  const found = ARCHITECTURES.find((a) => a.name === name);
  if (!found)
    throw new UsageError(
      `${what} must be one of ${architectureNames.join(', ')} (got "${String(name)}")`,
    );
  return found;
}

import { UsageError } from '../../errors.js';
import type { AuxBalanceVariant } from './types.js';

/** MetaBalance's ratio R when `--aux-balance metabalance` gives none: He et al.'s best (r ≈ 0.7). */
export const META_BALANCE_RATIO = 0.7;
/** Most R: an auxiliary ten times the main tasks' gradient is no longer auxiliary. */
const MOST_RATIO = 10;

/**
 * `--aux-balance metabalance[:R]` (He et al., WWW 2022): at every step, on the shared layers,
 * each auxiliary task's gradient is rescaled to R times the norm of the main tasks' gradient,
 * so no auxiliary dominates the main tasks or vanishes beside them. With several main tasks,
 * "the main tasks' gradient" is the sum of their gradients on the shared layers (what the main
 * tasks together ask of them), and its norm is the one norm every auxiliary is scaled to. The
 * kernels do it (kernels/metaBalance.ts).
 */
export const metaBalance = {
  name: 'metabalance',
  help: `rescale each auxiliary's shared gradient to R × the main tasks' (R default ${META_BALANCE_RATIO})`,
  parse: (field, parameter) => {
    if (parameter === undefined) return { name: 'metabalance', ratio: META_BALANCE_RATIO };
    const ratio = /^\d*\.?\d+(e-?\d+)?$/i.test(parameter.trim()) ? Number(parameter) : NaN;
    if (!(ratio > 0 && ratio <= MOST_RATIO))
      throw new UsageError(
        `${field}: metabalance:R takes a ratio R with 0 < R ≤ ${MOST_RATIO} (got "${parameter}")`,
      );
    return { name: 'metabalance', ratio };
  },
  rescales: true,
} as const satisfies AuxBalanceVariant;

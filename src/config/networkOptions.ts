import { UsageError } from '../errors.js';
import { resolveArchitecture } from '../proxy/architectures/index.js';
import { EMBED } from '../data/embedColumns.js';
import {
  architectureHelp,
  DEFAULT_ARCHITECTURE,
  MMOE,
  type ArchitectureName,
} from '../proxy/architectures/names.js';
import type { Namer } from './optionSchema.js';
import type { SearchConfigParsed } from './searchOptions.js';
import { studyDefaults, type Study } from './study.js';

/** The network of the baseline beside every shared-bottom search: one MMoE over every task. */
const BASELINE_ARCHITECTURE: ArchitectureName = 'mmoe';

/**
 * The networks a study trains, from its options: the architecture of every run (absent: the
 * shared bottom), and beside a shared-bottom search the MMoE baseline, one MMoE over every task
 * per seed (on unless `mmoeBaseline: false`). `experts` and `expertLayers` shape the study's one
 * MMoE, whichever of the two it is; given with neither, they are refused rather than ignored.
 * Both are stored resolved (MMoE's experts filled in), as run keys hold them.
 */
export function networksOf(
  options: SearchConfigParsed,
  name: Namer,
): Pick<Study, 'architecture' | 'mmoeBaseline'> {
  const { experts, expertLayers } = options;
  const shape = {
    ...(experts !== undefined && { experts }),
    ...(expertLayers !== undefined && { expertLayers }),
  };
  const chosen = options.architecture ?? DEFAULT_ARCHITECTURE;
  if (chosen !== DEFAULT_ARCHITECTURE)
    return { architecture: resolveArchitecture({ name: chosen, ...shape }) };
  if (options.mmoeBaseline ?? studyDefaults.mmoeBaseline)
    return { mmoeBaseline: resolveArchitecture({ name: BASELINE_ARCHITECTURE, ...shape }) };
  const unused =
    experts !== undefined ? 'experts' : expertLayers !== undefined ? 'expertLayers' : undefined;
  if (unused !== undefined) {
    throw new UsageError(
      `${name(unused)} shapes an MMoE, and this search trains none: use --architecture mmoe, or leave the MMoE baseline on`,
    );
  }
  return {};
}

export { architectureHelp };

/** `--experts`' help. */
export const expertsHelp = (): string =>
  `experts of the MMoE (--architecture mmoe, or the MMoE baseline), 1 to ${MMOE.expertsMax} ` +
  `(default ${MMOE.expertsDefault}); each has the bottom's widths unless expertLayers (--config) says`;

/** What `numbers` embedding weights take with Adam's two moments (float32 each), in MiB. */
const mib = (numbers: number): string => `${(numbers * 12) / 2 ** 20} MiB`;

/** `--embed`'s help: the format, the defaults and limits, and the memory each worker holds. */
export const embedHelp = (): string =>
  `feature columns learned as embedding tables, COL[:DIM],... (DIM 1 to ${EMBED.dimMax}, ` +
  `default ${EMBED.dimDefault}; ${EMBED.rowsDefault.toLocaleString('en-US')} rows, each value ` +
  `hashed to one): rows × DIM × 12 bytes per column in each worker ` +
  `(${mib(EMBED.rowsDefault * EMBED.dimDefault)} at the defaults), at most ` +
  `${EMBED.totalMax.toLocaleString('en-US')} numbers over all columns (${mib(EMBED.totalMax)})`;

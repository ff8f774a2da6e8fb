import type { AuxiliaryEffect, ReportModel } from './model.js';

/**
 * What the auxiliary tasks do, as rows every format shows (a search with `--aux`): per network,
 * each chosen auxiliary, then what one more would buy (the best of the others), then the other
 * auxiliaries that would hurt it. Plain data: each format escapes and places the names.
 */
export interface AuxiliaryRow {
  /** Index into model.grouping (shown to people as + 1). */
  network: number;
  /** The network's main tasks. */
  main: string[];
  task: string;
  role: 'chosen' | 'one more' | 'hurts';
  gain: number;
  stderr: number;
  measured: boolean;
}

/** Shown above the auxiliary tables. */
export const AUXILIARY_RULE =
  "Gain: the network's main tasks' mean relative loss without the auxiliary minus with it " +
  '(positive: it helps), seed by seed when both networks were trained (measured), else from the ' +
  'pair estimate (estimated). "One more" is the best auxiliary left out, added to the network; ' +
  '"hurts" lists the others whose addition raises its loss.';

/** The rows of a search with auxiliaries, network by network; empty otherwise. */
export function auxiliaryRows(model: ReportModel): AuxiliaryRow[] {
  return (model.auxiliaryEffects ?? []).flatMap((effects) => {
    const main = model.grouping[effects.network] ?? [];
    const row = (role: AuxiliaryRow['role']) => (e: AuxiliaryEffect) => ({
      network: effects.network,
      main,
      role,
      ...e,
    });
    const more = effects.oneMore;
    return [
      ...effects.chosen.map(row('chosen')),
      ...(more ? [row('one more')(more)] : []),
      ...effects.hurting.filter((e) => e.task !== more?.task).map(row('hurts')),
    ];
  });
}

/** A gain in percentage points of relative loss, signed: 0.0123 → '+1.23 pp'. */
export function formatGain(gain: number): string {
  const text = Math.abs(100 * gain).toFixed(2);
  return `${Number(text) === 0 ? '' : gain > 0 ? '+' : '-'}${text} pp`;
}

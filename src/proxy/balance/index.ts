/**
 * The ways of balancing auxiliary gradients (`search --aux-balance`), listed once. The config
 * validates the flag here, `--help` derives from the list, the run keys take a balance that
 * rescales; nothing else branches on a balance's name. Light: no kernel is loaded.
 */
import { InternalError, UsageError } from '../../errors.js';
import { metaBalance } from './metaBalance.js';
import { noBalance } from './none.js';
import type { AuxBalance, AuxBalanceVariant } from './types.js';

export type { AuxBalance, AuxBalanceText, AuxBalanceVariant } from './types.js';
export { META_BALANCE_RATIO } from './metaBalance.js';

export const auxBalances = Object.freeze([noBalance, metaBalance] as const);

/** The default: no balancing. */
export const DEFAULT_AUX_BALANCE: AuxBalance = Object.freeze({ name: noBalance.name });

/** `--aux-balance`'s help: each balance in a few words. */
export const auxBalanceHelp = (): string =>
  auxBalances.map((b) => `${b.name} (${b.help})`).join(', ');

/** `--aux-balance NAME[:PARAMETER]`, read and validated; the message names `field`. */
export function parseAuxBalance(field: string, value: unknown): AuxBalance {
  if (typeof value !== 'string')
    throw new UsageError(`${field} must be a text like none or metabalance:0.7`);
  const [name, parameter] = value.trim().split(/:(.*)/s, 2);
  const variant = auxBalances.find((b) => b.name === name);
  if (!variant)
    throw new UsageError(
      `${field} must be one of ${auxBalances.map((b) => b.name).join(', ')}, optionally with :R (got ${JSON.stringify(value)})`,
    );
  return variant.parse(field, parameter);
}

/** The variant of a stored balance; an unknown name is a bug of ours (names are validated on entry). */
export function auxBalanceVariant(balance: AuxBalance): AuxBalanceVariant {
  const variant = auxBalances.find((b) => b.name === balance.name);
  if (!variant) throw new InternalError(`no auxiliary balance is called "${balance.name}"`);
  return variant;
}

/** A balance as text: `none`, `metabalance:0.7`. */
export const auxBalanceText = (balance: AuxBalance): string =>
  balance.ratio === undefined ? balance.name : `${balance.name}:${balance.ratio}`;

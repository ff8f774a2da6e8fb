import { UsageError } from '../../errors.js';
import type { AuxBalanceVariant } from './types.js';

/** `--aux-balance none` (the default): every task's gradient as the loss gives it. */
export const noBalance = {
  name: 'none',
  help: 'every gradient as the loss gives it',
  parse: (field, parameter) => {
    if (parameter !== undefined)
      throw new UsageError(`${field}: none takes no parameter (got "none:${parameter}")`);
    return { name: 'none' };
  },
  rescales: false,
} as const satisfies AuxBalanceVariant;

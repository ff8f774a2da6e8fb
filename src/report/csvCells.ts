import { sourceOf } from './sources.js';

/** The yes/no cells of the CSV report. */

export const yesNo = (flag: boolean): string => (flag ? 'yes' : 'no');

/** yes (measured) or no (estimated); a figure without the flag counts as measured (see sources.ts). */
export const measuredCell = (measured: boolean | undefined): string =>
  yesNo(sourceOf(measured) === 'measured');

import { fileURLToPath } from 'node:url';

/** Absolute path of the piscina worker that trains proxy runs (plain JS: see its header). */
export const trainWorkerFile: string = fileURLToPath(new URL('../../workers/train.mjs', import.meta.url));

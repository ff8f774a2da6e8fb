import { workerEntry } from '../packageFiles.js';

/** Absolute path of the piscina worker that trains proxy runs (compiled, or its tsx shim). */
export const trainWorkerFile: string = workerEntry('train');

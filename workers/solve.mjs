// The worker thread of `taskgroup solve` when it runs from its TypeScript sources (see
// solveWorker.ts). Plain JavaScript for the reason given in train.mjs.
import { register } from 'tsx/esm/api';

register();
await import('./solveWorker.ts');

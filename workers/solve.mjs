// The worker thread of `taskgroup solve` (see solveWorker.ts). Plain JavaScript for the reason
// given in train.mjs: TypeScript loads in this thread only once tsx is registered here.
import { register } from 'tsx/esm/api';

register();
await import('./solveWorker.ts');

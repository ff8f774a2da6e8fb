// The training worker's entry when taskgroup runs from its TypeScript sources (tests,
// benchmarks; compiled, piscina loads dist/workers/trainWorker.js instead: src/packageFiles.ts).
// Plain JavaScript on purpose: piscina loads it in a new thread, where TypeScript only loads once
// tsx's loader is registered in that thread, and tsx's register() covers the calling thread only.
import { register } from 'tsx/esm/api';

register();
const implementation = await import('./trainWorker.ts');

export default implementation.default;

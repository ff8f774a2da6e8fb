// Piscina's worker entry for proxy training. It is plain JavaScript on purpose: piscina loads it
// in a new thread, where TypeScript only loads once tsx's loader is registered in that thread,
// and tsx's register() covers the calling thread only (whether the parent ran under
// `node --import tsx` or registered tsx programmatically, as bin/taskgroup.js does).
import { register } from 'tsx/esm/api';

register();
const implementation = await import('./trainWorker.ts');

export default implementation.default;

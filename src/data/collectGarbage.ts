import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection, asked of V8 between two large batches of short-lived values.
 *
 * Why: a Parquet row group's columns are decoded into arrays of its row count (100,000 values
 * and more), which V8 allocates in its old generation and collects only at a full collection,
 * which its heuristics start late: after a 1,000,000-row file the garbage of several groups is
 * still held and the peak follows the file, not the group. Collecting once a group is read keeps
 * what is live, one group of the picked columns plus the rows kept, the most held.
 *
 * V8 offers `gc()` only with `--expose-gc`; set at run time, the flag applies to contexts made
 * afterwards, so a fresh `vm` context hands the function over without exposing it on this
 * global. Where that fails, nothing is collected early (the load is right, only its peak higher).
 */
export function collectGarbage(): void {
  collector ??= findCollector();
  collector();
}

let collector: (() => void) | undefined;

function findCollector(): () => void {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc === 'function') return gc as () => void;
  } catch {
    // Not offered by this runtime: collect as V8 decides.
  }
  return () => {};
}

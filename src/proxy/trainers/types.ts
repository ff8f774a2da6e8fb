import type { EncodedDataset } from '../../data/types.js';
import type { RunResult, RunSpec } from '../types.js';
import type { TrainerCapability } from './names.js';

/** Whether a trainer can run in this process, and if not, why (one clause: "… is not installed"). */
export type Availability = { ok: true } | { ok: false; reason: string };

/**
 * One way to train proxy runs (src/proxy/trainers/index.ts lists them all). Every trainer starts
 * from the same initial weights and sees the same batches (init.ts, prng.ts); what differs is
 * the arithmetic, so each has a numeric identity: trainers of one identity give bitwise the same
 * losses for the same run (the native and WebAssembly builds of the kernels, tested), trainers of
 * different identities do not, and the run key keeps their runs apart (pipeline/plan.ts).
 */
export interface ProxyTrainer {
  /** What `--backend` accepts and what each run records as the backend that trained it. */
  readonly name: string;
  /** The numeric identity: equal identities give bitwise-equal losses. */
  readonly identity: string;
  /** One line for help and the start of a search, e.g. "our kernels, native build". */
  readonly description: string;
  /** What it can train besides plain runs, as names.ts declares it (capabilities.ts checks). */
  readonly capabilities: readonly TrainerCapability[];
  /** Whether it can train here. Cheap, and loads no training library (the main thread asks). */
  available(): Availability;
  /**
   * Loads what training needs, once per thread (a worker calls it at start, while the data
   * still loads). Throws an E_BACKEND error when it cannot start.
   */
  prepare(): Promise<void>;
  /**
   * Trains the runs and returns their results in the same order. Throws a UsageError for a bad
   * spec or one asking for a capability it lacks (checkCapable), and an InterruptedError once
   * `shouldStop` (read once per batch) says stop.
   */
  train(
    dataset: EncodedDataset,
    specs: RunSpec[],
    shouldStop?: () => boolean,
  ): Promise<RunResult[]>;
}

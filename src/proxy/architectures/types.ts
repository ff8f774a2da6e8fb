import type { KernelArena } from '../kernels/kernelArena.js';
import type { InputGradient, KernelModel } from '../kernels/kernelParams.js';
import type { ProxySettings, RunSpec } from '../types.js';
import type { ArchitectureChoice, ArchitectureName } from './names.js';

/** What a network is built for: its input width, its largest batch, what backward also writes. */
export interface NetworkShape {
  /** The dense features and the embeddings' vectors. */
  inputWidth: number;
  batchCap: number;
  /** The input columns whose gradient backward() writes (the embeddings), if any. */
  inputGrad?: InputGradient;
}

/**
 * One network architecture (one file each, listed in index.ts): how a run's network is checked,
 * laid out, initialised from the run's seed and built in kernel memory. The training loop,
 * the embeddings, the losses and the schedule are the same for every architecture. What flags
 * and trainers need to know of one without loading it (its help, needs and whether a lookahead
 * covers it) is in names.ts.
 */
export interface Architecture {
  readonly name: ArchitectureName;
  /** The choice with every default filled in (what run keys should hold). */
  resolve(choice: ArchitectureChoice): Required<ArchitectureChoice> | ArchitectureChoice;
  /** Throws a UsageError naming the field and the rule when the choice or settings do not fit. */
  check(choice: ArchitectureChoice, settings: ProxySettings, where: string): void;
  /** The network of `spec`, initialised from its seed (paired seeds: init.ts), in kernel memory. */
  kernelNetwork(arena: KernelArena, shape: NetworkShape, spec: RunSpec): KernelModel;
}

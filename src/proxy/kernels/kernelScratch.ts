import { NetworkLayout } from '../layout.js';
import type { KernelArena } from './kernelModule.js';

/**
 * Working buffers shared by the networks trained together in one pass: they run one after the
 * other within a step, so one set of activations, sized for the widest network, serves all.
 * Tower buffers hold `tasks · out` columns; a network with fewer tasks uses a narrower row.
 */
export class KernelScratch {
  readonly batchCap: number;
  /** The gathered input batch, batchCap × dim. */
  readonly x: number;
  /** Row indices of the batch (int32). */
  readonly idx: number;
  readonly bottomAct: number[];
  readonly bottomGrad: number[];
  readonly towerAct: number[];
  readonly towerGrad: number[];
  /** Task-major logits (tasks × batchCap), without the head bias; and their gradients. */
  readonly logits: number;
  readonly dlogits: number;
  /** Room for one transposed weight matrix. */
  readonly wt: number;
  logitsView!: Float32Array;
  dlogitsView!: Float32Array;

  constructor(arena: KernelArena, dim: number, widest: NetworkLayout, batchCap: number) {
    this.batchCap = batchCap;
    this.x = arena.alloc(batchCap * dim);
    this.idx = arena.alloc(batchCap);
    this.bottomAct = widest.bottom.map((l) => arena.alloc(batchCap * l.out));
    this.bottomGrad = widest.bottom.map((l) => arena.alloc(batchCap * l.out));
    this.towerAct = widest.tower.map((l) => arena.alloc(batchCap * widest.tasks * l.out));
    this.towerGrad = widest.tower.map((l) => arena.alloc(batchCap * widest.tasks * l.out));
    this.logits = arena.alloc(widest.tasks * batchCap);
    this.dlogits = arena.alloc(widest.tasks * batchCap);
    const sizes = [...widest.bottom, ...widest.tower].map((l) => l.in * l.out);
    if (widest.tower.length > 0)
      sizes.push(widest.tower[0].in * widest.tower[0].out * widest.tasks);
    this.wt = arena.alloc(Math.max(1, ...sizes));
  }

  /** Call once every allocation of the pass is made (growing memory detaches views). */
  bindViews(arena: KernelArena, tasks: number): void {
    this.logitsView = arena.f32(this.logits, tasks * this.batchCap);
    this.dlogitsView = arena.f32(this.dlogits, tasks * this.batchCap);
  }
}

import { initBank, initTowers, fillGlorot } from '../init.js';
import { LayerBank, type DenseLayer } from '../layerBank.js';
import { headLayer } from '../layout.js';
import { Prng, Stream, streamSeed } from '../prng.js';
import type { ProxySettings } from '../types.js';

/**
 * Where each weight of one MMoE network (Ma et al., KDD 2018) lives in its flat parameter
 * vector. The network, for input x (the dense features and the embeddings, `inputWidth`):
 *
 *   expert e (E of them): an MLP with the bottom's widths (dense+ReLU layers), output H wide;
 *   gate of task t: softmax(x · G_t + c_t) over the E experts (one linear layer, E logits);
 *   task t's tower reads Σ_e g_te · expert_e(x), then its tower layers and its output unit.
 *
 * Order in the vector: the experts (a LayerBank with one member per expert: their first layer
 * is one `in × (E·h1)` matrix, since every expert reads x), the gates (one `in × (tasks·E)`
 * matrix, task p's columns p·E…, then tasks·E biases), the towers (a LayerBank with one member
 * per task, as in the shared-bottom layout, but each tower reads its own mixture), the heads.
 */
export class MmoeLayout {
  readonly tasks: number;
  readonly experts: number;
  readonly expert: LayerBank;
  /** The gates: in × (tasks·experts) weights, task p's logits in columns p·experts…. */
  readonly gate: DenseLayer;
  readonly towers: LayerBank;
  readonly tower: DenseLayer[];
  readonly head: DenseLayer;
  /** Width of each expert's output, H: what each tower reads. */
  readonly expertWidth: number;
  readonly size: number;

  constructor(
    inputWidth: number,
    settings: Pick<ProxySettings, 'bottom' | 'tower'>,
    tasks: number,
    experts: number,
  ) {
    this.tasks = tasks;
    this.experts = experts;
    this.expert = new LayerBank(inputWidth, settings.bottom, experts, 0);
    this.expertWidth = this.expert.outWidth;
    const g = this.expert.end;
    this.gate = { in: inputWidth, out: tasks * experts, w: g, b: g + inputWidth * tasks * experts };
    this.towers = new LayerBank(
      this.expertWidth,
      settings.tower,
      tasks,
      this.gate.b + tasks * experts,
    );
    this.tower = this.towers.layers;
    this.head = headLayer(this.towers, tasks);
    this.size = this.head.b + tasks;
  }

  /** Offset of task p's weight element (row, col) in tower layer l. */
  towerWeight(l: number, p: number, row: number, col: number): number {
    return this.towers.weight(l, p, row, col);
  }
}

/**
 * The initial parameters of an MMoE network: Glorot-uniform weights, zero biases, paired seeds
 * as in the shared-bottom network (init.ts). Expert e's layer l draws from stream (seed, expert,
 * e, l); the gate of task t from (seed, gate, t); task t's tower and head as in a shared-bottom
 * network, from (seed, tower, t, l), t the task's index in the dataset: the runs {i} and {i, j}
 * of a seed start from the same experts, the same gate i and the same tower i.
 */
export function initialMmoeParams(
  layout: MmoeLayout,
  seed: number,
  taskIds: number[],
): Float32Array {
  const params = new Float32Array(layout.size);
  const experts = Array.from({ length: layout.experts }, (_, e) => e);
  initBank(params, layout.expert, seed, Stream.expert, experts);
  const { gate } = layout;
  const width = gate.out;
  taskIds.forEach((taskId, p) => {
    const prng = new Prng(streamSeed(seed, Stream.gate, taskId));
    const shape = { in: gate.in, out: layout.experts };
    fillGlorot(params, shape, prng, (row, e) => gate.w + row * width + p * layout.experts + e);
  });
  initTowers(params, layout, seed, taskIds);
  return params;
}

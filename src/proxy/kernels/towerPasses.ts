import type { DenseLayer, LayerBank } from '../layerBank.js';
import type { KernelExports } from './kernelModule.js';
import type { KernelScratch } from './kernelScratch.js';
import { mat, mul, mulAT, mulWT, type Mat } from './products.js';

/** What the towers' passes read of a network: its layout, parameters and gradients (offsets). */
export interface NetworkMemory {
  readonly layout: {
    readonly tasks: number;
    readonly towers: LayerBank;
    readonly tower: DenseLayer[];
    readonly head: DenseLayer;
  };
  readonly params: number;
  readonly grads: number;
}

/**
 * What the towers read. A shared-bottom network's towers all read the bottom's output (the same
 * columns); an MMoE network's tower p reads its own mixture of the experts, in columns
 * p·width… of one matrix (`perTask`). `grad`: where the gradient of that matrix goes (same
 * leading dimension), or 0 when nothing needs it.
 */
export interface TowerInput {
  mat: Mat;
  perTask: boolean;
  grad: number;
}

/**
 * Tower layers and heads of tasks p0 … p1−1 (`tasks`), from `input`, into s.towerAct and
 * s.logits. A first tower layer that every task reads the same input of is one wide product over
 * the block's tasks; other layers and the heads read their task's own columns.
 */
export function towersForward(
  k: KernelExports,
  s: KernelScratch,
  net: NetworkMemory,
  input: TowerInput,
  m: number,
  [p0, p1]: [number, number],
): void {
  const { layout, params } = net;
  const T = layout.tasks;
  let x = input.mat;
  // Columns from one task's input to the next; 0 while every task reads the same columns.
  let perTask = input.perTask ? (layout.tower[0]?.in ?? layout.head.in) : 0;
  layout.tower.forEach((layer, l) => {
    const width = T * layer.out;
    const out = mat(s.towerAct[l], width);
    const first = p0 * layer.out;
    if (perTask === 0) {
      const w = mat(params + 4 * (layer.w + first), width);
      mul(k, x, w, mat(out.at + 4 * first, width), m, layer.in, (p1 - p0) * layer.out);
    } else {
      for (let p = p0; p < p1; p++) {
        const xp = mat(x.at + 4 * p * perTask, x.ld);
        const w = mat(params + 4 * layout.towers.weightAt(l, p), layout.towers.weightLd(l));
        mul(k, xp, w, mat(out.at + 4 * p * layer.out, width), m, layer.in, layer.out);
      }
    }
    const bias = params + 4 * (layer.b + first);
    k.bias_act(out.at + 4 * first, width, bias, m, (p1 - p0) * layer.out, 1);
    x = out;
    perTask = layer.out;
  });
  const head = layout.head;
  for (let p = p0; p < p1; p++) {
    const w = params + 4 * (head.w + p * head.in);
    k.matvec(x.at + 4 * p * perTask, x.ld, w, s.logits + 4 * p * s.batchCap, 1, m, head.in);
  }
}

/**
 * The heads' and towers' part of backward: from scratch.dlogits (and the head bias gradients the
 * caller wrote) to the towers' parameter gradients and, when input.grad is set, the gradient of
 * the towers' input. Needs the activations of forward().
 */
export function towersBackward(
  k: KernelExports,
  s: KernelScratch,
  net: NetworkMemory,
  input: TowerInput,
  m: number,
): void {
  const { layout } = net;
  headsBackward(k, s, net, input, m);
  for (let l = layout.tower.length - 1; l >= 0; l--) {
    const layer = layout.tower[l];
    const width = layout.tasks * layer.out;
    const dz = s.towerGrad[l];
    k.relu_bwd(dz, width, s.towerAct[l], width, m, width, net.grads + 4 * layer.b);
    if (l > 0) {
      const inWidth = layout.tasks * layer.in;
      const below = {
        mat: mat(s.towerAct[l - 1], inWidth),
        perTask: true,
        grad: s.towerGrad[l - 1],
      };
      towerLayerBackward(k, s, net, l, below, m);
    } else if (input.perTask) towerLayerBackward(k, s, net, 0, input, m);
    else {
      mulAT(k, input.mat, mat(dz, width), mat(net.grads + 4 * layer.w, width), layer.in, m, width);
      const w = mat(net.params + 4 * layer.w, width);
      const shape = { in: layer.in, out: width };
      if (input.grad) mulWT(k, mat(dz, width), w, s.wt, mat(input.grad, input.mat.ld), m, shape);
    }
  }
}

/** Heads: dw_p = H_pᵀ·dl_p and dH_p = dl_p ⊗ w_p, for every task in one pass over the rows. */
function headsBackward(
  k: KernelExports,
  s: KernelScratch,
  net: NetworkMemory,
  input: TowerInput,
  m: number,
): void {
  const { layout, params, grads } = net;
  const T = layout.tasks;
  const nTower = layout.tower.length;
  const head = layout.head;
  const lastAct = nTower > 0 ? s.towerAct[nTower - 1] : input.mat.at;
  const dH = nTower > 0 ? s.towerGrad[nTower - 1] : input.grad;
  const lastLd = nTower > 0 ? T * head.in : input.mat.ld;
  const perTask = nTower > 0 || input.perTask ? head.in : 0;
  const [w, dw] = [params + 4 * head.w, grads + 4 * head.w];
  k.head_bwd(lastAct, lastLd, perTask, s.dlogits, s.batchCap, w, dw, dH, T, head.in, m);
}

/**
 * Tower layer l of every task, each reading its own columns of `input` (the layer below, or
 * MMoE's mixtures for l = 0): its weight gradients and, when input.grad is set, the gradient of
 * its input.
 */
function towerLayerBackward(
  k: KernelExports,
  s: KernelScratch,
  net: NetworkMemory,
  l: number,
  input: TowerInput,
  m: number,
): void {
  const { towers, tasks } = net.layout;
  const layer = towers.layers[l];
  const width = tasks * layer.out;
  const ld = towers.weightLd(l);
  for (let p = 0; p < tasks; p++) {
    const w = towers.weightAt(l, p);
    const x = mat(input.mat.at + 4 * p * layer.in, input.mat.ld);
    const dz = mat(s.towerGrad[l] + 4 * p * layer.out, width);
    mulAT(k, x, dz, mat(net.grads + 4 * w, ld), layer.in, m, layer.out);
    if (!input.grad) continue;
    const dx = mat(input.grad + 4 * p * layer.in, input.mat.ld);
    mulWT(k, dz, mat(net.params + 4 * w, ld), s.wt, dx, m, layer);
  }
}

/** The first tower layer's weights (in × tasks·out), transposed into `towerT`, if there is one. */
export function transposeFirstTower(
  k: KernelExports,
  net: Pick<NetworkMemory, 'layout' | 'params'>,
  towerT: number,
): void {
  const first = net.layout.tower[0];
  if (first) {
    const width = net.layout.tasks * first.out;
    k.transpose(net.params + 4 * first.w, width, towerT, first.in, width);
  }
}

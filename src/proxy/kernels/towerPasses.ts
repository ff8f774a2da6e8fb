import type { NetworkLayout } from '../layout.js';
import type { KernelExports } from './kernelModule.js';
import type { KernelScratch } from './kernelScratch.js';
import { mat, mul, mulAT, mulWT, type Mat } from './products.js';

/** What the towers' passes read of a network: its layout, parameters and gradients (offsets). */
export interface NetworkMemory {
  readonly layout: NetworkLayout;
  readonly params: number;
  readonly grads: number;
}

/**
 * Tower layers and heads of tasks p0 … p1−1 (`tasks`), from the bottom's output `shared`, into
 * s.towerAct and s.logits. The first tower layer of every task reads the same columns (one wide
 * product over the block's tasks); later layers and the heads read their task's own columns.
 */
export function towersForward(
  k: KernelExports,
  s: KernelScratch,
  net: NetworkMemory,
  shared: Mat,
  m: number,
  [p0, p1]: [number, number],
): void {
  const { layout, params } = net;
  const T = layout.tasks;
  let input = shared;
  let perTask = 0; // the first tower layer (or the heads) of every task reads the same columns
  layout.tower.forEach((layer, l) => {
    const width = T * layer.out;
    const out = mat(s.towerAct[l], width);
    const first = p0 * layer.out;
    if (l === 0) {
      const w = mat(params + 4 * (layer.w + first), width);
      mul(k, input, w, mat(out.at + 4 * first, width), m, layer.in, (p1 - p0) * layer.out);
    } else {
      for (let p = p0; p < p1; p++) {
        const x = mat(input.at + 4 * p * layer.in, input.ld);
        const w = mat(params + 4 * layout.towerWeight(l, p, 0, 0), layer.out);
        mul(k, x, w, mat(out.at + 4 * p * layer.out, width), m, layer.in, layer.out);
      }
    }
    const bias = params + 4 * (layer.b + first);
    k.bias_act(out.at + 4 * first, width, bias, m, (p1 - p0) * layer.out, 1);
    input = out;
    perTask = layer.out;
  });
  const head = layout.head;
  for (let p = p0; p < p1; p++) {
    const w = params + 4 * (head.w + p * head.in);
    k.matvec(input.at + 4 * p * perTask, input.ld, w, s.logits + 4 * p * s.batchCap, 1, m, head.in);
  }
}

/**
 * The heads' and towers' part of backward: from scratch.dlogits (and the head bias gradients the
 * caller wrote) to the towers' parameter gradients and, when the network has a bottom, the
 * gradient of the bottom's output in s.bottomGrad[last]. Needs the activations of forward().
 */
export function towersBackward(
  k: KernelExports,
  s: KernelScratch,
  net: NetworkMemory,
  x: Mat,
  m: number,
): void {
  const { layout } = net;
  const hasBottom = layout.bottom.length > 0;
  const last = layout.bottom.length - 1;
  const shared = hasBottom ? mat(s.bottomAct[last], layout.sharedWidth) : x;
  const sharedGrad = hasBottom ? s.bottomGrad[last] : 0;
  headsBackward(k, s, net, shared, sharedGrad, m);
  for (let l = layout.tower.length - 1; l >= 0; l--) {
    const layer = layout.tower[l];
    const width = layout.tasks * layer.out;
    const dz = s.towerGrad[l];
    k.relu_bwd(dz, width, s.towerAct[l], width, m, width, net.grads + 4 * layer.b);
    if (l > 0) towerLayerBackward(k, s, net, l, m);
    else {
      mulAT(k, shared, mat(dz, width), mat(net.grads + 4 * layer.w, width), layer.in, m, width);
      const w = mat(net.params + 4 * layer.w, width);
      const shape = { in: layer.in, out: width };
      if (hasBottom) mulWT(k, mat(dz, width), w, s.wt, mat(sharedGrad, layer.in), m, shape);
    }
  }
}

/** Heads: dw_p = H_pᵀ·dl_p and dH_p = dl_p ⊗ w_p, for every task in one pass over the rows. */
function headsBackward(
  k: KernelExports,
  s: KernelScratch,
  net: NetworkMemory,
  shared: Mat,
  sharedGrad: number,
  m: number,
): void {
  const { layout, params, grads } = net;
  const T = layout.tasks;
  const nTower = layout.tower.length;
  const head = layout.head;
  const lastAct = nTower > 0 ? s.towerAct[nTower - 1] : shared.at;
  const lastGrad = nTower > 0 ? s.towerGrad[nTower - 1] : sharedGrad;
  const lastLd = nTower > 0 ? T * head.in : shared.ld;
  const perTask = nTower > 0 ? head.in : 0;
  const dH = nTower > 0 || layout.bottom.length > 0 ? lastGrad : 0;
  const [w, dw] = [params + 4 * head.w, grads + 4 * head.w];
  k.head_bwd(lastAct, lastLd, perTask, s.dlogits, s.batchCap, w, dw, dH, T, head.in, m);
}

/** Tower layer l > 0 of every task: its weight gradients and the gradient of its input. */
function towerLayerBackward(
  k: KernelExports,
  s: KernelScratch,
  net: NetworkMemory,
  l: number,
  m: number,
): void {
  const { layout } = net;
  const layer = layout.tower[l];
  const width = layout.tasks * layer.out;
  const inWidth = layout.tasks * layer.in;
  for (let p = 0; p < layout.tasks; p++) {
    const w = layout.towerWeight(l, p, 0, 0);
    const input = mat(s.towerAct[l - 1] + 4 * p * layer.in, inWidth);
    const dz = mat(s.towerGrad[l] + 4 * p * layer.out, width);
    mulAT(k, input, dz, mat(net.grads + 4 * w, layer.out), layer.in, m, layer.out);
    const dx = mat(s.towerGrad[l - 1] + 4 * p * layer.in, inWidth);
    mulWT(k, dz, mat(net.params + 4 * w, layer.out), s.wt, dx, m, layer);
  }
}

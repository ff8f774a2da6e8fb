/**
 * A seeded generator of a small e-commerce table with PLANTED auxiliary structure: which helper
 * tasks make a main objective better.
 *
 *   node --import tsx examples/shop.ts --rows 5000 --seed 1 --out examples/shop.csv
 *
 * Every row is one product view. Six hidden standard-normal factors z drive the six numeric
 * columns (one factor each); three hidden nonlinear intents read orthogonal directions of z:
 *
 *   buying intent   → purchase (main, binary, most labels missing: few purchases are known),
 *                     add_to_cart and wishlist (auxiliary, binary, nearly always labelled)
 *   browsing intent → watch_video and open_reviews (auxiliary, binary: unrelated to both mains)
 *   taste           → rating (main, regression)
 *
 * So add_to_cart and wishlist share purchase's latent factor and hold many more labels of it:
 * trained alongside purchase they should help it; watch_video and open_reviews share nothing
 * with either main task and compete for the shared bottom's width. Nothing helps rating. The
 * answer to recover (search --tasks purchase,rating,add_to_cart,wishlist,watch_video,open_reviews
 * --aux add_to_cart,wishlist,watch_video,open_reviews): purchase with add_to_cart and wishlist,
 * rating with no auxiliary.
 */
import { mulberry32 } from '../src/random.js';
import { generatorCli } from './generatorCli.js';

/** Weight of a task's intent, and of a part of its own (a direction no other task reads). */
const INTENT_WEIGHT = 1.0;
const OWN_WEIGHT = 0.3;
/** Slope of the binary tasks' logistic link: lower = noisier 0/1 labels. */
const BINARY_SHARPNESS = 2.5;
const REGRESSION_NOISE = 0.5;
const FACTORS = 6;

const NUMERIC = [
  { name: 'price', mean: 40, scale: 15, decimals: 2 },
  { name: 'discount_pct', mean: 10, scale: 5, decimals: 1 },
  { name: 'item_rating', mean: 3.8, scale: 0.5, decimals: 2 },
  { name: 'views_7d', mean: 20, scale: 6, decimals: 0 },
  { name: 'session_min', mean: 8, scale: 3, decimals: 1 },
  { name: 'user_tenure_months', mean: 24, scale: 8, decimals: 1 },
] as const;
const DEVICES = ['mobile', 'desktop'];

type Intent = 'buy' | 'browse' | 'taste';
const TASKS = [
  { name: 'purchase', intent: 'buy', kind: 'binary', baseRate: 0.25, missing: 0.75 },
  { name: 'rating', intent: 'taste', kind: 'regression', mean: 3.5, scale: 0.8, missing: 0.3 },
  { name: 'add_to_cart', intent: 'buy', kind: 'binary', baseRate: 0.35, missing: 0.05 },
  { name: 'wishlist', intent: 'buy', kind: 'binary', baseRate: 0.3, missing: 0.05 },
  { name: 'watch_video', intent: 'browse', kind: 'binary', baseRate: 0.3, missing: 0.05 },
  { name: 'open_reviews', intent: 'browse', kind: 'binary', baseRate: 0.4, missing: 0.05 },
] as const;

const dot = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i], 0);
const unit = (v: number[]): number[] => v.map((x) => x / Math.sqrt(dot(v, v)));
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const logit = (p: number): number => Math.log(p / (1 - p));
const fixed = (x: number, decimals: number): string => String(Number(x.toFixed(decimals)));

export function generateShop(rowCount: number, seed: number): string {
  const uniform = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  // Six orthonormal directions (Gram–Schmidt): two per intent.
  const basis: number[][] = [];
  while (basis.length < 6) {
    let v = Array.from({ length: FACTORS }, normal);
    for (const b of basis) v = v.map((x, i) => x - dot(v, b) * b[i]);
    basis.push(unit(v));
  }
  const own = TASKS.map(() => unit(Array.from({ length: FACTORS }, normal)));
  const deviceEffect = { buy: [0.3, -0.3], browse: [-0.4, 0.4], taste: [0, 0] };
  const rows = Array.from({ length: rowCount }, () => {
    const z = Array.from({ length: FACTORS }, normal);
    const device = uniform() < 0.6 ? 0 : 1;
    const p = basis.map((d) => dot(d, z));
    const intent: Record<Intent, number> = {
      buy: Math.sin(1.5 * p[0]) + 0.6 * p[1] * Math.tanh(p[0]) + deviceEffect.buy[device],
      browse: Math.tanh(1.5 * p[2]) + 0.5 * (p[3] * p[3] - 1) + deviceEffect.browse[device],
      taste: Math.cos(1.5 * p[4]) * Math.sign(p[5]) + 0.5 * p[5],
    };
    return { z, device, intent };
  });
  for (const k of ['buy', 'browse', 'taste'] as const) {
    const mean = rows.reduce((s, r) => s + r.intent[k], 0) / rows.length;
    const sd = Math.sqrt(rows.reduce((s, r) => s + (r.intent[k] - mean) ** 2, 0) / rows.length);
    for (const r of rows) r.intent[k] = (r.intent[k] - mean) / sd;
  }
  const label = (r: (typeof rows)[number], t: number): string => {
    const task = TASKS[t];
    const score = INTENT_WEIGHT * r.intent[task.intent] + OWN_WEIGHT * dot(own[t], r.z);
    const value =
      task.kind === 'binary'
        ? String(uniform() < sigmoid(BINARY_SHARPNESS * score + logit(task.baseRate)) ? 1 : 0)
        : fixed(task.mean + task.scale * (score + REGRESSION_NOISE * normal()), 2);
    return uniform() < task.missing ? '' : value;
  };
  const header = [...NUMERIC.map((c) => c.name), 'device', ...TASKS.map((t) => t.name)];
  const lines = rows.map((r) =>
    [
      ...NUMERIC.map((c, k) => fixed(c.mean + c.scale * r.z[k], c.decimals)),
      DEVICES[r.device],
      ...TASKS.map((_, t) => label(r, t)),
    ].join(','),
  );
  return [header.join(','), ...lines].join('\n') + '\n';
}

generatorCli(import.meta.url, 5000, generateShop);

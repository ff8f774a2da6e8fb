/**
 * A seeded generator of a synthetic recommender-like dataset with PLANTED task clusters.
 *
 *   node --import tsx examples/generate.ts --rows 6000 --seed 1 --out examples/recsys.csv
 *
 * Every row is one impression: a user sees an item. Eight hidden standard-normal factors z
 * drive the eight numeric columns (one factor each, mapped to a realistic scale), and three
 * hidden nonlinear "intents" are functions of z plus country, device and item effects:
 *
 *   intent A (engagement) → click, like, share          (binary)
 *   intent B (attention)  → watch_time (regression), finish (binary)
 *   intent C (commerce)   → purchase (binary), revenue (regression)
 *
 * Each task = INTENT_WEIGHT·its cluster's intent + TASK_SPECIFIC_WEIGHT·a part of its own
 * + noise, with some labels missing at random. The three intents read directions of z that are
 * orthogonal to each other, so what one cluster needs from a shared bottom is of no use to the
 * others and competes with them for its width; tasks of one cluster need the same hidden
 * features, and each alone is too noisy and under-labelled to learn them well.
 *
 * The strength of each effect is one named constant below.
 */
import { mulberry32 } from '../src/random.js';
import { generatorCli } from './generatorCli.js';

// ---- The knobs (tune these against real proxy runs) -------------------------------------------

/** Weight of the cluster's shared intent in each task's score. */
const INTENT_WEIGHT = 1.0;
/** Weight of each task's own part (a linear direction of z its cluster mates do not share). */
const TASK_SPECIFIC_WEIGHT = 0.35;
/**
 * 0: each intent reads its own two factors (disjoint inputs). 1: each intent reads two dense,
 * mutually orthogonal directions over all eight factors, so every input column matters to every
 * cluster but in a different way: a shared bottom has to serve conflicting features.
 */
const INTENT_OVERLAP = 0.7;
/** Frequency of the intents' nonlinearities (sin, tanh): higher = harder to learn from few labels. */
const NONLINEARITY = 1.6;
/** Scale of the country and device effects on each intent (per intent, independent). */
const CATEGORICAL_WEIGHT = 0.35;
/** Scale of each item's effect on each intent (item_id has ITEM_LEVELS levels). */
const ITEM_WEIGHT = 0.35;
/** Standard deviation of Gaussian noise added to regression scores. */
const REGRESSION_NOISE = 0.6;
/** Slope of the logistic link of binary tasks: lower = noisier 0/1 labels. */
const BINARY_SHARPNESS = 2.5;
/** Share of rows whose numeric feature is left empty, for the columns that have gaps. */
const FEATURE_MISSING_RATE = 0.07;
const ITEM_LEVELS = 500;

// ---- The schema --------------------------------------------------------------------------------

type Intent = 'A' | 'B' | 'C';

/** Numeric columns: factor z_k → round(mean + scale·z_k, decimals), optionally with gaps. */
const NUMERIC = [
  { name: 'user_age', mean: 35, scale: 10, decimals: 0, gaps: true },
  { name: 'user_sessions_7d', mean: 12, scale: 4, decimals: 0, gaps: false },
  { name: 'user_tenure_months', mean: 24, scale: 8, decimals: 1, gaps: false },
  { name: 'user_avg_watch_min', mean: 18, scale: 5, decimals: 1, gaps: true },
  { name: 'item_price', mean: 20, scale: 6, decimals: 2, gaps: false },
  { name: 'item_age_days', mean: 60, scale: 20, decimals: 0, gaps: false },
  { name: 'item_rating', mean: 3.6, scale: 0.5, decimals: 2, gaps: true },
  { name: 'item_length_min', mean: 12, scale: 4, decimals: 1, gaps: false },
] as const;

const COUNTRIES = ['us', 'br', 'in', 'de', 'jp', 'fr'];
const COUNTRY_WEIGHTS = [0.3, 0.15, 0.2, 0.12, 0.1, 0.13];
const DEVICES = ['mobile', 'desktop', 'tablet'];
const DEVICE_WEIGHTS = [0.6, 0.3, 0.1];

/**
 * The tasks. Binary: P(1) = sigmoid(BINARY_SHARPNESS·score + logit(baseRate)). Regression:
 * max(0, mean + scale·(score + noise)). `missing` is the share of empty labels.
 */
const TASKS = [
  { name: 'click', intent: 'A', kind: 'binary', baseRate: 0.35, missing: 0.1 },
  { name: 'like', intent: 'A', kind: 'binary', baseRate: 0.2, missing: 0.2 },
  { name: 'share', intent: 'A', kind: 'binary', baseRate: 0.25, missing: 0.3 },
  { name: 'watch_time', intent: 'B', kind: 'regression', mean: 14, scale: 5, missing: 0.15 },
  { name: 'finish', intent: 'B', kind: 'binary', baseRate: 0.4, missing: 0.25 },
  { name: 'purchase', intent: 'C', kind: 'binary', baseRate: 0.3, missing: 0.2 },
  { name: 'revenue', intent: 'C', kind: 'regression', mean: 30, scale: 10, missing: 0.3 },
] as const;

const INTENTS: Intent[] = ['A', 'B', 'C'];
const FACTORS = NUMERIC.length;

// ---- Randomness --------------------------------------------------------------------------------

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  uniform(): number {
    return this.next();
  }
  /** Box–Muller. */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  pick<T>(items: readonly T[], weights: readonly number[]): T {
    let u = this.next();
    for (let i = 0; i < items.length; i++) if ((u -= weights[i]) < 0) return items[i];
    return items[items.length - 1];
  }
}

// ---- The hidden structure ----------------------------------------------------------------------

type Vector = number[];
const dot = (a: Vector, b: Vector): number => a.reduce((s, x, i) => s + x * b[i], 0);
const unit = (v: Vector): Vector => {
  const n = Math.sqrt(dot(v, v));
  return v.map((x) => x / n);
};
const axis = (k: number): Vector => Array.from({ length: FACTORS }, (_, i) => (i === k ? 1 : 0));

/** `count` orthonormal random directions of R^FACTORS (Gram–Schmidt on Gaussian vectors). */
function orthonormal(rng: Random, count: number): Vector[] {
  const basis: Vector[] = [];
  while (basis.length < count) {
    let v = Array.from({ length: FACTORS }, () => rng.normal());
    for (const b of basis) v = v.map((x, i) => x - dot(v, b) * b[i]);
    basis.push(unit(v));
  }
  return basis;
}

/** Everything about the world that is fixed for a seed: directions and categorical effects. */
interface World {
  /** Two directions per intent: intent A reads directions[0], [1]; B [2], [3]; C [4], [5]. */
  directions: Vector[];
  /** One linear direction per task: its own part. */
  ownDirections: Vector[];
  country: Record<Intent, number[]>;
  device: Record<Intent, number[]>;
  item: Record<Intent, number[]>;
}

function makeWorld(rng: Random): World {
  const dense = orthonormal(rng, 6);
  // Disjoint inputs at overlap 0: intent A on factors 0 and 4 (a user and an item column), B on
  // 1 and 5, C on 2 and 6. Blending towards dense orthogonal directions keeps the intents nearly
  // orthogonal while making them read the same columns.
  const disjoint = [0, 4, 1, 5, 2, 6].map(axis);
  const directions = disjoint.map((d, j) =>
    unit(d.map((x, i) => (1 - INTENT_OVERLAP) * x + INTENT_OVERLAP * dense[j][i])),
  );
  const ownDirections = TASKS.map(() => unit(Array.from({ length: FACTORS }, () => rng.normal())));
  const effects = (levels: number, scale: number) => {
    const draw = () => Array.from({ length: levels }, () => scale * rng.normal());
    return { A: draw(), B: draw(), C: draw() };
  };
  return {
    directions,
    ownDirections,
    country: effects(COUNTRIES.length, CATEGORICAL_WEIGHT),
    device: effects(DEVICES.length, CATEGORICAL_WEIGHT),
    item: effects(ITEM_LEVELS, ITEM_WEIGHT),
  };
}

/** The raw (unstandardised) intents of one row. Three different nonlinear shapes on purpose. */
function intents(
  w: World,
  z: Vector,
  country: number,
  device: number,
  item: number,
): Record<Intent, number> {
  const p = w.directions.map((d) => dot(d, z));
  const cat = (k: Intent) => w.country[k][country] + w.device[k][device] + w.item[k][item];
  return {
    A: Math.sin(NONLINEARITY * p[0]) + 0.6 * p[1] * Math.tanh(p[0]) + cat('A'),
    B: Math.tanh(NONLINEARITY * p[2]) + 0.5 * (p[3] * p[3] - 1) + cat('B'),
    C: Math.cos(NONLINEARITY * p[4]) * Math.sign(p[5]) + 0.5 * p[5] + cat('C'),
  };
}

// ---- Rows --------------------------------------------------------------------------------------

interface Row {
  z: Vector;
  country: number;
  device: number;
  item: number;
  intent: Record<Intent, number>;
}

function drawRows(rng: Random, w: World, count: number): Row[] {
  return Array.from({ length: count }, () => {
    const z = Array.from({ length: FACTORS }, () => rng.normal());
    const country = COUNTRIES.indexOf(rng.pick(COUNTRIES, COUNTRY_WEIGHTS));
    const device = DEVICES.indexOf(rng.pick(DEVICES, DEVICE_WEIGHTS));
    // Item popularity is long-tailed, as in real catalogues: a few items get most impressions.
    const item = Math.min(ITEM_LEVELS - 1, Math.floor(ITEM_LEVELS * rng.uniform() ** 2));
    return { z, country, device, item, intent: intents(w, z, country, device, item) };
  });
}

/** Rescales each intent to mean 0 and standard deviation 1 over the rows, so weights compare. */
function standardiseIntents(rows: Row[]): void {
  for (const k of INTENTS) {
    const mean = rows.reduce((s, r) => s + r.intent[k], 0) / rows.length;
    const std = Math.sqrt(rows.reduce((s, r) => s + (r.intent[k] - mean) ** 2, 0) / rows.length);
    for (const r of rows) r.intent[k] = (r.intent[k] - mean) / std;
  }
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const logit = (p: number): number => Math.log(p / (1 - p));
const fixed = (x: number, decimals: number): string => String(Number(x.toFixed(decimals)));

function label(rng: Random, w: World, r: Row, t: number): string {
  const task = TASKS[t];
  const score =
    INTENT_WEIGHT * r.intent[task.intent] + TASK_SPECIFIC_WEIGHT * dot(w.ownDirections[t], r.z);
  const value =
    task.kind === 'binary'
      ? String(rng.uniform() < sigmoid(BINARY_SHARPNESS * score + logit(task.baseRate)) ? 1 : 0)
      : fixed(Math.max(0, task.mean + task.scale * (score + REGRESSION_NOISE * rng.normal())), 2);
  // Drawn after the value so the missing pattern does not shift the labels of other rows.
  return rng.uniform() < task.missing ? '' : value;
}

function features(rng: Random, r: Row): string[] {
  const numeric = NUMERIC.map((c, k) =>
    c.gaps && rng.uniform() < FEATURE_MISSING_RATE
      ? ''
      : fixed(c.mean + c.scale * r.z[k], c.decimals),
  );
  const item = `i${String(r.item).padStart(3, '0')}`;
  return [...numeric, COUNTRIES[r.country], DEVICES[r.device], item];
}

export function generate(rowCount: number, seed: number): string {
  const rng = new Random(seed);
  const world = makeWorld(rng);
  const rows = drawRows(rng, world, rowCount);
  standardiseIntents(rows);
  const header = [
    ...NUMERIC.map((c) => c.name),
    'country',
    'device',
    'item_id',
    ...TASKS.map((t) => t.name),
  ];
  const lines = rows.map((r) =>
    [...features(rng, r), ...TASKS.map((_, t) => label(rng, world, r, t))].join(','),
  );
  return [header.join(','), ...lines].join('\n') + '\n';
}

generatorCli(import.meta.url, 6000, generate);

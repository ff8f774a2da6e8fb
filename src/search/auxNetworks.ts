import { UsageError } from '../errors.js';
import { groupKey, tasksOf } from './bits.js';
import { HoaModel, type HoaPartitionProblem } from './hoa.js';

/**
 * Task roles of a search with auxiliary tasks: the main tasks are scored by the objective, the
 * auxiliary ones only train alongside them. Both ascending, disjoint, together every task.
 */
export interface TaskRoles {
  main: number[];
  aux: number[];
}

/**
 * Most main tasks of a search with auxiliaries: the solver prices every group of main tasks
 * (2^12 − 1 = 4095 rows; auxPartition.ts), each with its best auxiliary set.
 */
export const MAX_AUX_MAIN_TASKS = 12;

/**
 * A partition of the main tasks where each network also takes any auxiliary tasks (one
 * auxiliary may join several networks, or none). The fields of HoaPartitionProblem keep their
 * meaning over every task: `pair` rows of main tasks are read (an auxiliary's own loss is never
 * scored), `measured` keys are whole networks (main and auxiliary members, ascending) whose
 * values hold one entry per member, an auxiliary member's ignored, and `budget` counts networks,
 * i.e. groups of main tasks. The weights of auxiliary tasks are taken as 0.
 */
export interface AuxPartitionProblem extends HoaPartitionProblem {
  roles: TaskRoles;
}

/** One network: a group of main tasks with its auxiliary set. */
export interface AuxNetwork {
  /** Every member, ascending (main and auxiliary). */
  tasks: number[];
  /** The auxiliary members, ascending. */
  aux: number[];
  /** Σ over main members i of w_i · r_i(network), not yet divided by the total weight. */
  cost: number;
  /** Each main member's weighted share of `cost`, in ascending order of the main members. */
  shares: number[];
}

/** The problem with its roles checked and its auxiliary weights set to 0. */
export function auxModel(p: AuxPartitionProblem): HoaModel {
  const n = p.pair.length;
  const { main, aux } = p.roles;
  const all = [...main, ...aux].sort((a, b) => a - b);
  const ascending = (list: number[]) => list.every((t, i) => i === 0 || t > list[i - 1]);
  if (!ascending(main) || !ascending(aux) || all.length !== n || all.some((t, i) => t !== i))
    throw new UsageError(`roles must split the ${n} tasks into main and auxiliary, ascending`);
  if (main.length < 1 || main.length > MAX_AUX_MAIN_TASKS)
    throw new UsageError(`roles must name 1 to ${MAX_AUX_MAIN_TASKS} main tasks`);
  const weights = Array.from({ length: n }, (_, t) =>
    aux.includes(t) ? 0 : (p.weights?.[t] ?? 1),
  );
  return new HoaModel({ ...p, weights, budget: undefined });
}

/**
 * Each main task's weighted share in the network of `members` (ascending): measured when the
 * network of 3+ tasks was measured, 1 alone, else the pair estimate (HOA over every other
 * member, main or auxiliary alike) plus the size adjustment, as HoaModel prices a group:
 *   share_i = w_i · mean_{j ∈ members ∖ i} pair[i][j] + A_i(s)
 */
export function networkShares(model: HoaModel, members: number[], main: number[]): number[] {
  const s = members.length;
  const known = s >= 3 ? model.measured.get(members.join(',')) : undefined;
  return main.map((i) => {
    if (known) return known.perTask[i];
    if (s === 1) return model.w[i];
    let sum = 0;
    for (const j of members) sum += model.P[i * model.n + j];
    return sum / (s - 1) + model.adjustment(i, s);
  });
}

/** The cost of one network (whole task set, ascending): Σ of its main members' shares. */
export const networkCost = (model: HoaModel, members: number[], main: number[]): number =>
  sum(
    networkShares(
      model,
      members,
      main.filter((t) => members.includes(t)),
    ),
  );

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * The best network of main tasks `group` (ascending global indices): the auxiliary set S that
 * minimises Σ_{i∈group} w_i · r_i(group ∪ S), over all 2^a sets, exactly.
 *
 * Why it is cheap: an unmeasured network of s ≥ 3 members costs (Σ_i B_i + Σ_{a∈S} c_a)/(s − 1)
 * + Σ_i A_i(s), with B_i task i's weighted pairs inside the group, c_a = Σ_i w_i·pair[i][a] and
 * A_i(s) the size adjustment: for a given size, the best unmeasured S is the one with the least
 * Σ c_a, i.e. the k auxiliaries of least c (k = s − |group|; a pair is the least c too), unless
 * that very network is measured; then the sets of k are walked in increasing Σ c until one is
 * not (few are: only the networks verification trained). Measured networks of the group are
 * priced as measured. Ties go to the fewer auxiliaries, then the lower key.
 */
export function bestAuxSet(model: HoaModel, roles: TaskRoles, group: number[]): AuxNetwork {
  const { aux } = roles;
  const c = aux.map((a) => sum(group.map((i) => model.P[i * model.n + a])));
  const order = aux.map((_, x) => x).sort((x, y) => c[x] - c[y] || x - y);
  const sorted = order.map((x) => aux[x]);
  const sortedC = order.map((x) => c[x]);
  const quick = quickCosts(model, group, sorted);
  let best: AuxNetwork | null = null;
  const offer = (auxSet: number[], estimate?: number) => {
    // A close estimate that cannot win spares building the network (most sizes of most groups).
    if (best && estimate !== undefined && estimate > best.cost + 1e-9 * Math.max(1, best.cost))
      return;
    const ascending = [...auxSet].sort((a, b) => a - b);
    const tasks = [...group, ...ascending].sort((a, b) => a - b);
    const shares = networkShares(model, tasks, group);
    const candidate = { tasks, aux: ascending, cost: sum(shares), shares };
    if (best === null || better(candidate, best)) best = candidate;
  };
  for (let k = 0; k <= aux.length; k++) {
    const unmeasured = firstUnmeasured(model, group, sorted, sortedC, k);
    if (unmeasured) offer(unmeasured, unmeasured.length === k ? quick(k, unmeasured) : undefined);
  }
  for (const tasks of measuredNetworks(model)) {
    const auxSet = tasks.filter((t) => !group.includes(t));
    if (auxSet.length + group.length === tasks.length && group.every((t) => tasks.includes(t)))
      if (auxSet.every((t) => aux.includes(t))) offer(auxSet);
  }
  return best!;
}

/**
 * The cost of the unmeasured network of `group` with the first k auxiliaries of `sorted`, from
 * prefix sums (3+ members; else undefined, and the network is built): for checking whether it
 * can win before building it. As networkShares, in another order of summation.
 */
function quickCosts(model: HoaModel, group: number[], sorted: number[]) {
  const n = model.n;
  const within = group.map((i) => sum(group.map((j) => model.P[i * n + j])));
  const prefix = group.map((i) => {
    const out = [0];
    sorted.forEach((a, p) => out.push(out[p] + model.P[i * n + a]));
    return out;
  });
  return (k: number, set: number[]): number | undefined => {
    const s = group.length + k;
    if (s < 3 || set.some((a, p) => a !== sorted[p])) return undefined;
    return group.reduce(
      (total, i, x) => total + (within[x] + prefix[x][k]) / (s - 1) + model.adjustment(i, s),
      0,
    );
  };
}

/** The measured networks' task lists, parsed once per model. */
const parsed = new WeakMap<HoaModel, number[][]>();
function measuredNetworks(model: HoaModel): number[][] {
  let list = parsed.get(model);
  if (!list) {
    list = [...model.measured.keys()].map((key) => key.split(',').map(Number));
    parsed.set(model, list);
  }
  return list;
}

function better(a: AuxNetwork, b: AuxNetwork): boolean {
  const tie = 1e-12 * Math.max(1, Math.abs(a.cost));
  if (a.cost < b.cost - tie) return true;
  if (a.cost > b.cost + tie) return false;
  if (a.aux.length !== b.aux.length) return a.aux.length < b.aux.length;
  return groupKey(a.tasks) < groupKey(b.tasks);
}

/**
 * The unmeasured auxiliary set of `k` members with the least Σ c: `sorted` lists the
 * auxiliaries by increasing c, `c` their values in that order. The sets are visited in
 * increasing Σ c (ties: lower positions first), each reached from a set of lower Σ c by moving
 * one member to the next auxiliary in order. Networks of fewer than 3 members are never in the
 * measured map (pairs are priced by the pair matrix), so the first set is taken. Undefined when
 * every set of k is measured.
 */
function firstUnmeasured(
  model: HoaModel,
  group: number[],
  sorted: number[],
  c: number[],
  k: number,
): number[] | undefined {
  const toSet = (positions: number[]) => positions.map((p) => sorted[p]);
  const isMeasured = (positions: number[]) =>
    group.length + k >= 3 && model.measured.has(groupKey([...group, ...toSet(positions)]));
  const first = Array.from({ length: k }, (_, p) => p);
  if (!isMeasured(first)) return toSet(first);
  const value = (positions: number[]) => positions.reduce((s, p) => s + c[p], 0);
  const seen = new Set([first.join(',')]);
  const open = [first];
  while (open.length > 0) {
    open.sort((x, y) => value(x) - value(y) || lexicographic(x, y));
    const next = open.shift()!;
    if (!isMeasured(next)) return toSet(next);
    for (let p = 0; p < k; p++) {
      const moved = next[p] + 1;
      if (moved >= sorted.length || (p + 1 < k && next[p + 1] === moved)) continue;
      const child = next.map((x, q) => (q === p ? moved : x));
      const key = child.join(',');
      if (!seen.has(key)) {
        seen.add(key);
        open.push(child);
      }
    }
  }
  return undefined;
}

function lexicographic(x: number[], y: number[]): number {
  for (let q = 0; q < x.length; q++) if (x[q] !== y[q]) return x[q] - y[q];
  return 0;
}

/** The best network of every non-empty group of main tasks, by mask over the main tasks' order. */
export function bestNetworks(model: HoaModel, roles: TaskRoles): AuxNetwork[] {
  const m = roles.main.length;
  const rows: AuxNetwork[] = [];
  for (let mask = 1; mask < 1 << m; mask++)
    rows[mask] = bestAuxSet(
      model,
      roles,
      tasksOf(mask).map((x) => roles.main[x]),
    );
  return rows;
}

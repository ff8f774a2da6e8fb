/**
 * The first pairs a `tag` search trains: the ones that calibrate its pair estimate
 * (pairPrior.ts). A task's line T = a_i + b_i·x needs two pairs of different affinity: its
 * closest partner (what the grouping will most likely use) and a partner of middling affinity
 * (what an unrelated task does to it: the intercept). Closest partners alone leave the slope
 * undetermined: on 60 planted tasks they fitted a slope of 21 against 339 with every pair, and
 * pair estimates 3.5 times as wrong as with one middling partner per task added (root mean
 * square error 0.035 against 0.010).
 *
 * Affinity here is symmetric, Z(i→j) + Z(j→i): a pair run measures both directions. A pair
 * serves both of its tasks, so a task that already got a middling partner as another task's
 * pick is not given a second one, and a task's middling partner is, where possible, one that
 * needs one too. About n pairs for n tasks; ties go to the lower task index.
 */
export function calibrationPairs(z: number[], n: number): [number, number][] {
  if (n < 2) return [];
  const affinity = (i: number, j: number) => z[i * n + j] + z[j * n + i];
  const ranked = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => j)
      .filter((j) => j !== i)
      .sort((p, q) => affinity(i, q) - affinity(i, p) || p - q),
  );
  // rank[i][j]: where j stands among i's partners (0 = closest).
  const rank = ranked.map((order) => {
    const at = new Array<number>(n).fill(-1);
    order.forEach((j, r) => (at[j] = r));
    return at;
  });
  const chosen = new Map<string, [number, number]>();
  const add = (i: number, j: number) => {
    const pair: [number, number] = i < j ? [i, j] : [j, i];
    chosen.set(pair.join(','), pair);
  };
  for (let i = 0; i < n; i++) add(i, ranked[i][0]);
  const middle = (i: number, j: number) => {
    const r = rank[i][j];
    return r >= Math.floor((n - 1) / 4) && r <= Math.ceil((3 * (n - 1)) / 4);
  };
  const hasMiddle = (i: number) =>
    [...chosen.values()].some(([a, b]) => (a === i ? middle(i, b) : b === i && middle(i, a)));
  if (n < 4) return [...chosen.values()];
  for (let i = 0; i < n; i++) {
    if (hasMiddle(i)) continue;
    const band = ranked[i].filter((j) => middle(i, j));
    const median = ranked[i][Math.floor((n - 1) / 2)];
    const both = band.find((j) => middle(j, i) && !hasMiddle(j));
    add(i, both ?? median);
  }
  return [...chosen.values()].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

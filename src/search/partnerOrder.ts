/**
 * Each task's partners by ascending pair loss, as the HOA bound reads them:
 * partners[i*(n−1) + r] = the r-th other task by (P[i][·], task) ascending, and
 * loss[i*(n−1) + r] = its P[i][·]. With `seed` (the order of a nearby matrix, as dualShift's
 * steps give) each row is sorted again from there by insertion, close to linear when little
 * moved. (loss, task) is a total order, so the result is the one a full sort gives either way.
 */
export function partnerOrder(
  n: number,
  P: Float64Array,
  seed?: Int32Array,
): [Int32Array, Float64Array] {
  const partners = new Int32Array(n * Math.max(0, n - 1));
  const loss = new Float64Array(partners.length);
  for (let i = 0; i < n; i++) {
    const from = i * (n - 1);
    const row = P.subarray(i * n, i * n + n);
    if (seed === undefined) {
      const others = [...Array(n).keys()].filter((j) => j !== i);
      partners.set(
        others.sort((a, b) => row[a] - row[b] || a - b),
        from,
      );
    } else insertionSort(partners, seed, from, n - 1, row);
    for (let r = 0; r < n - 1; r++) loss[from + r] = row[partners[from + r]];
  }
  return [partners, loss];
}

/** partners[from..from+count) = seed's same slice sorted by (row value, task) ascending. */
function insertionSort(
  partners: Int32Array,
  seed: Int32Array,
  from: number,
  count: number,
  row: Float64Array,
): void {
  partners.set(seed.subarray(from, from + count), from);
  for (let r = from + 1; r < from + count; r++) {
    const j = partners[r];
    let at = r;
    for (; at > from; at--) {
      const before = partners[at - 1];
      if (row[before] < row[j] || (row[before] === row[j] && before < j)) break;
      partners[at] = before;
    }
    partners[at] = j;
  }
}

/**
 * Marks as i's partners, in row i of `into` (n × n), the tasks of `members` (i's group, empty
 * when it opens a new one) and the first `take` unassigned tasks (groupOf < 0) of i's partner
 * order `partners` (see partnerOrder): the partners i takes in the bound.
 */
export function markPartners(
  into: Uint8Array,
  n: number,
  i: number,
  members: Int32Array,
  partners: Int32Array,
  groupOf: Int32Array,
  take: number,
): void {
  const row = i * n;
  for (const j of members) into[row + j] = 1;
  into[row + i] = 0;
  const from = i * (n - 1);
  for (let r = 0; r < n - 1 && take > 0; r++) {
    const j = partners[from + r];
    if (groupOf[j] >= 0) continue;
    into[row + j] = 1;
    take--;
  }
}

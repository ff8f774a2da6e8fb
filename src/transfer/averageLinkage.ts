/**
 * Groups whose members help each other on average: average-linkage clustering of a matrix of
 * relative pair losses r_ij = L_i({i,j}) / L_i({i}) (1 = no effect, below 1 = j helps i). Every
 * task starts alone; the two clusters whose cross pairs have the lowest mean (r_ij + r_ji) / 2
 * merge, while that mean is below `below` (default 1: the pairs across help on average). So
 * the groups end where a task's average partner would no longer help it. Ties merge the lower
 * indices first. O(n³), fine for 200 tasks.
 */
export function averageLinkage(relative: number[][], below = 1): number[][] {
  const n = relative.length;
  const clusters: number[][] = Array.from({ length: n }, (_, t) => [t]);
  const link = linkOf(relative);
  for (;;) {
    let best = below;
    let pair: [number, number] | null = null;
    for (let a = 0; a < clusters.length; a++)
      for (let b = a + 1; b < clusters.length; b++) {
        const value = link(clusters[a], clusters[b]);
        if (value < best) [best, pair] = [value, [a, b]];
      }
    if (!pair) break;
    const [a, b] = pair;
    clusters[a] = [...clusters[a], ...clusters[b]].sort((p, q) => p - q);
    clusters.splice(b, 1);
  }
  return clusters.sort((p, q) => p[0] - q[0]);
}

/** The mean of (r_ij + r_ji) / 2 over the pairs across two clusters. */
const linkOf =
  (relative: number[][]) =>
  (a: number[], b: number[]): number => {
    let sum = 0;
    for (const i of a) for (const j of b) sum += relative[i][j] + relative[j][i];
    return sum / (2 * a.length * b.length);
  };

/**
 * The merges the linkage stopped short of, one measured group each: every cluster of fewer than
 * `least` tasks joined to the cluster of `least` or more it links to best (lowest mean cross
 * pair; ties to the first), and where several join the same cluster, that cluster with all of
 * them; then every cluster of `least` or more merged with the other one it links to best when
 * that link is below `mergeBelow` (a close call: the linkage merges below 1; a mutual best
 * counted once). Where the pair losses are estimates, a task or half a cluster whose estimates
 * are off lands beside the cluster it belongs to. Empty when no cluster is that large.
 */
export function bestJoins(
  relative: number[][],
  clusters: number[][],
  mergeBelow: number,
  least = 3,
): number[][] {
  const link = linkOf(relative);
  const large = clusters.filter((c) => c.length >= least);
  const nearest = (c: number[]) =>
    large
      .filter((d) => d !== c)
      .reduce<number[] | null>((best, d) => (!best || link(c, d) < link(c, best) ? d : best), null);
  const joiners = new Map<number[], number[][]>();
  for (const small of clusters.filter((c) => c.length < least)) {
    const target = nearest(small);
    if (target) joiners.set(target, [...(joiners.get(target) ?? []), small]);
  }
  const joined = (parts: number[][]) => parts.flat().sort((p, q) => p - q);
  const groups = [...joiners].flatMap(([target, smalls]) => [
    ...smalls.map((small) => joined([target, small])),
    ...(smalls.length > 1 ? [joined([target, ...smalls])] : []),
  ]);
  for (const c of large) {
    const d = nearest(c);
    if (d && link(c, d) < mergeBelow) groups.push(joined([c, d]));
  }
  const seen = new Set<string>();
  return groups.filter((g) => !seen.has(g.join(',')) && seen.add(g.join(',')));
}

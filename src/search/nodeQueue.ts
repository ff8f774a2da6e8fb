/**
 * Open nodes of a best-first search: a binary heap on (bound ascending, depth descending,
 * id ascending), a total order so the search visits nodes the same way on every run. Nodes are
 * stored as (parent, task, group): enough to replay the path from the root; `next` is the task
 * the node branches on.
 */
export class NodeQueue {
  private parent = new Int32Array(1024);
  private choice = new Int16Array(1024);
  private task = new Int16Array(1024);
  private next = new Int16Array(1024);
  private depth = new Int16Array(1024);
  private bound = new Float64Array(1024);
  private heap = new Int32Array(1024);
  private heapSize = 0;
  created = 0;

  get size(): number {
    return this.heapSize;
  }

  add(
    parent: number,
    task: number,
    choice: number,
    depth: number,
    bound: number,
    next: number,
  ): void {
    const id = this.created++;
    if (id >= this.parent.length) this.grow();
    this.parent[id] = parent;
    this.choice[id] = choice;
    this.depth[id] = depth;
    this.bound[id] = bound;
    this.task[id] = task;
    this.next[id] = next;
    if (this.heapSize >= this.heap.length) this.heap = grown(this.heap);
    let at = this.heapSize++;
    while (at > 0) {
      const up = (at - 1) >> 1;
      if (!this.before(id, this.heap[up])) break;
      this.heap[at] = this.heap[up];
      at = up;
    }
    this.heap[at] = id;
  }

  /** Id of the best open node, without removing it (−1 when empty). */
  peek(): number {
    return this.heapSize > 0 ? this.heap[0] : -1;
  }

  pop(): number {
    const top = this.heap[0];
    const last = this.heap[--this.heapSize];
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.heapSize) break;
      if (child + 1 < this.heapSize && this.before(this.heap[child + 1], this.heap[child])) child++;
      if (!this.before(this.heap[child], last)) break;
      this.heap[at] = this.heap[child];
      at = child;
    }
    this.heap[at] = last;
    return top;
  }

  boundOf(id: number): number {
    return this.bound[id];
  }

  /** The task this node branches on. */
  nextOf(id: number): number {
    return this.next[id];
  }

  depthOf(id: number): number {
    return this.depth[id];
  }

  /** (task, group) assignments from the root to node `id`, root first, flattened. */
  path(id: number): number[] {
    const out: number[] = new Array(2 * this.depth[id]);
    for (let at = id; this.depth[at] > 0; at = this.parent[at]) {
      out[2 * this.depth[at] - 2] = this.task[at];
      out[2 * this.depth[at] - 1] = this.choice[at];
    }
    return out;
  }

  private before(a: number, b: number): boolean {
    const ba = this.bound[a];
    const bb = this.bound[b];
    if (ba !== bb) return ba < bb;
    if (this.depth[a] !== this.depth[b]) return this.depth[a] > this.depth[b];
    return a < b;
  }

  private grow(): void {
    this.parent = grown(this.parent);
    this.choice = grown(this.choice);
    this.depth = grown(this.depth);
    this.bound = grown(this.bound);
    this.task = grown(this.task);
    this.next = grown(this.next);
  }
}

function grown<T extends Int32Array | Int16Array | Float64Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

import { tolerance } from './budget.js';

/**
 * The K best distinct answers seen so far, ordered by objective then by key (so ties resolve
 * the same way every run). `threshold` is what a subtree must beat to matter: the K-th
 * objective once K answers are held, +∞ before.
 */
export class KBest<T> {
  private readonly items: { value: number; key: string; item: T }[] = [];

  constructor(private readonly k: number) {}

  get threshold(): number {
    return this.items.length < this.k ? Infinity : this.items[this.items.length - 1].value;
  }

  /** True when a subtree whose lower bound is `bound` cannot hold an answer worth keeping. */
  prunes(bound: number): boolean {
    const t = this.threshold;
    return bound >= t - tolerance(t);
  }

  offer(value: number, key: string, item: T): void {
    if (this.items.length >= this.k && !this.better(value, key, this.items[this.items.length - 1]))
      return;
    if (this.items.some((x) => x.key === key)) return;
    let at = this.items.length;
    while (at > 0 && this.better(value, key, this.items[at - 1])) at--;
    this.items.splice(at, 0, { value, key, item });
    if (this.items.length > this.k) this.items.pop();
  }

  get size(): number {
    return this.items.length;
  }

  list(): T[] {
    return this.items.map((x) => x.item);
  }

  values(): number[] {
    return this.items.map((x) => x.value);
  }

  private better(value: number, key: string, than: { value: number; key: string }): boolean {
    const t = tolerance(value);
    if (value < than.value - t) return true;
    if (value > than.value + t) return false;
    return key < than.key;
  }
}

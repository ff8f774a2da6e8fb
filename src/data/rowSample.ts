import FlatQueue from 'flatqueue';
import { RowStore } from './rowStore.js';

/**
 * The rows of one side of the split that the loader keeps while the file streams by: the
 * `capacity` rows with the smallest split positions (all of them when capacity is Infinity).
 * A row's position is a pure function of its index and the split seed, so the rows kept are
 * the same as sorting the whole side by position and taking a prefix, without holding the side:
 * a max-heap on position (flatqueue, keyed by −position) holds the kept rows, and a row with a
 * smaller position than the largest kept one takes that one's slot. For a side of R rows in
 * random order about capacity · (1 + ln(R / capacity)) rows ever enter it.
 */
export class RowSample {
  private readonly heap: FlatQueue<number>;
  private readonly index: number[] = [];
  private readonly position: number[] = [];
  private readonly payload = new RowStore();
  /** Rows of this side offered so far, kept or not. */
  seen = 0;

  constructor(private readonly capacity: number) {
    this.heap = Number.isFinite(capacity) ? new FlatQueue(capacity) : new FlatQueue();
  }

  /**
   * Offers row `index` at split `position`; `payload` (the row's cells, serialised) is only
   * computed when the row is kept, for now.
   */
  offer(index: number, position: number, payload: () => string): void {
    this.seen++;
    let slot: number;
    if (this.heap.length < this.capacity) slot = this.heap.length;
    else if (position < -this.heap.peekValue()!) slot = this.heap.pop()!;
    else return;
    this.index[slot] = index;
    this.position[slot] = position;
    this.payload.set(slot, payload());
    this.heap.push(slot, -position);
  }

  get size(): number {
    return this.heap.length;
  }

  /** The kept rows by position, smallest first (the hash order of training rows). */
  byPosition(): KeptRows {
    return this.ordered((a, b) => this.position[a] - this.position[b]);
  }

  /** The kept rows in file order. */
  byIndex(): KeptRows {
    return this.ordered((a, b) => this.index[a] - this.index[b]);
  }

  private ordered(order: (a: number, b: number) => number): KeptRows {
    const slots = Array.from({ length: this.size }, (_, slot) => slot).sort(order);
    return { count: slots.length, text: (k) => this.payload.get(slots[k]) };
  }
}

/** Rows kept, in an order: the k-th one's payload is text(k), read from the store on demand. */
export interface KeptRows {
  count: number;
  text(k: number): string;
}

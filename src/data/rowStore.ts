/**
 * The text of the rows kept, as UTF-8 in one buffer outside the JavaScript heap, one slot per
 * kept row. Kept as JavaScript strings they lived in the old generation, and every row evicted
 * from a sample left garbage there: the heap then grew to about four times the rows kept before
 * V8 collected it. Here a replaced slot's bytes are counted dead and the buffer is compacted
 * when they outweigh the live ones, so the bytes held stay within about twice the rows kept.
 */
export class RowStore {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  private dead = 0;
  private readonly start: number[] = [];
  private readonly length: number[] = [];

  /** Stores `text` in `slot`, replacing what the slot held. */
  set(slot: number, text: string): void {
    if (slot < this.length.length) this.dead += this.length[slot];
    const most = 3 * text.length; // UTF-8 takes at most 3 bytes per UTF-16 code unit
    if (this.used + most > this.bytes.length) this.makeRoom(slot, most);
    this.start[slot] = this.used;
    this.length[slot] = this.bytes.write(text, this.used, 'utf8');
    this.used += this.length[slot];
  }

  get(slot: number): string {
    return this.bytes.toString('utf8', this.start[slot], this.start[slot] + this.length[slot]);
  }

  /**
   * Copies the live slots (all but `replaced`, whose bytes are already counted dead) into a new
   * buffer with room for `extra` more bytes: as large as the old one when the dead bytes made
   * the room, twice what is needed when the rows kept really grew.
   */
  private makeRoom(replaced: number, extra: number): void {
    const live = this.used - this.dead;
    const next = Buffer.allocUnsafe(Math.max(this.bytes.length, 2 * (live + extra)));
    let at = 0;
    for (let slot = 0; slot < this.length.length; slot++) {
      if (slot === replaced) continue;
      this.bytes.copy(next, at, this.start[slot], this.start[slot] + this.length[slot]);
      this.start[slot] = at;
      at += this.length[slot];
    }
    this.bytes = next;
    this.used = at;
    this.dead = 0;
  }
}

/** One dense layer's shapes and where its weights live in a flat parameter vector. */
export interface DenseLayer {
  /** Input width (per member for the layers of a bank). */
  in: number;
  /** Output width (per member for the layers of a bank). */
  out: number;
  /** Offset of the weight matrix in the parameter vector. */
  w: number;
  /** Offset of the bias vector. */
  b: number;
}

/**
 * Parallel MLPs of the same widths, `members` of them: a network's towers (one per task) or
 * MMoE's experts. Their first layer is stored as one `in × (members·out)` matrix (member p owns
 * columns p·out … p·out+out−1): when every member reads the same input, one wide product serves
 * them all. Later layers are per member, member p's `in × out` block after member p−1's. Biases
 * of a layer are `members·out` long, member p's at p·out. Matrices are row-major.
 */
export class LayerBank {
  readonly members: number;
  readonly layers: DenseLayer[] = [];
  /** Width of each member's output (the input width when the bank has no layer). */
  readonly outWidth: number;
  /** Offset just past the bank's parameters. */
  readonly end: number;

  constructor(inWidth: number, widths: readonly number[], members: number, offset: number) {
    this.members = members;
    let width = inWidth;
    for (const out of widths) {
      this.layers.push({ in: width, out, w: offset, b: offset + members * width * out });
      offset += members * (width * out + out);
      width = out;
    }
    this.outWidth = width;
    this.end = offset;
  }

  /** Offset of member p's weight element (row, col) in layer l. */
  weight(l: number, p: number, row: number, col: number): number {
    return this.weightAt(l, p) + row * this.weightLd(l) + col;
  }

  /** Offset of member p's weight matrix (its element (0, 0)) in layer l. */
  weightAt(l: number, p: number): number {
    const layer = this.layers[l];
    return layer.w + p * (l === 0 ? layer.out : layer.in * layer.out);
  }

  /** Leading dimension of a member's weight matrix in layer l (the wide row in layer 0). */
  weightLd(l: number): number {
    return l === 0 ? this.members * this.layers[0].out : this.layers[l].out;
  }

  /** Offset of member p's bias element `col` in layer l. */
  bias(l: number, p: number, col: number): number {
    return this.layers[l].b + p * this.layers[l].out + col;
  }
}

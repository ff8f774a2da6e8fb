/**
 * The two small hashes of the data layer, hand-written because their exact output is part of
 * the product: the split and the hashed buckets must come out the same on every machine and in
 * every release (they are inside the dataset fingerprint's meaning), so no library may change them.
 */

import { fmix32 } from '../random.js';

const utf8 = new TextEncoder();

/**
 * FNV-1a, 32 bits, over the UTF-8 bytes of `text`. Used to bucket high-cardinality strings. ASCII
 * text is its own UTF-8, so it is hashed from its char codes without encoding it: the loader
 * hashes every training cell of a wide file, and the encoder's allocation per cell dominated.
 */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return fnv1a32Bytes(utf8.encode(text));
    h ^= code;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function fnv1a32Bytes(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const byte of bytes) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The row of an embedding table of `rows` rows that a value (its cell text) reads: FNV-1a of its
 * UTF-8, mixed by murmur3's finaliser, modulo `rows`. The mix matters because FNV-1a's low bits
 * are weak: sequential ids ("1" … "5000") into 4,096 rows took 9 % fewer distinct rows than a
 * random assignment would, and as many once mixed.
 */
export function embeddingRow(text: string, rows: number): number {
  return fmix32(fnv1a32(text)) % rows;
}

/**
 * The two small hashes of the data layer, hand-written because their exact output is part of
 * the product: the split and the hashed buckets must come out the same on every machine and in
 * every release (they are inside the dataset fingerprint's meaning), so no library may change them.
 */

const utf8 = new TextEncoder();

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`. Used to bucket high-cardinality strings. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of utf8.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

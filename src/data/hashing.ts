/**
 * The two small hashes of the data layer, hand-written because their exact output is part of
 * the product: the split and the hashed buckets must come out the same on every machine and in
 * every release (they are inside the dataset fingerprint's meaning), so no library may change them.
 */

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

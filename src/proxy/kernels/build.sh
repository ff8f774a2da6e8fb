#!/bin/sh
# Rebuilds kernels.wasm from kernels.c (with kernelVectors.h; LANES defaults to 4). The built file
# is committed so `npm install` needs no compiler. Needs clang and wasm-ld with the wasm32 target
# (Debian: apt-get install clang-19 lld-19; the committed file was built with clang 19, which any
# clang with -msimd128 can replace at a small cost in speed). -ffp-contract=off: every multiply
# and add rounds on its own, as the kernels' comments promise. The native builds of the same
# source are native/binding.gyp's (npm run build:native).
set -eu
cd "$(dirname "$0")"
CC=${CC:-$(command -v clang-19 || echo clang)}
"$CC" --target=wasm32 -O3 -msimd128 -ffp-contract=off -nostdlib -fno-builtin -Wall -Wextra \
  -Wl,--no-entry -Wl,--export-dynamic -Wl,--export=__heap_base -Wl,--import-memory -Wl,--strip-all \
  -o kernels.wasm kernels.c
echo "built $(pwd)/kernels.wasm with $("$CC" --version | head -1) ($(wc -c < kernels.wasm) bytes)"

#!/bin/sh
# Rebuilds kernels.wasm from kernels.c. The built file is committed so `npm install` needs no
# compiler. Needs clang and wasm-ld with the wasm32 target (Debian: apt-get install clang lld).
set -eu
cd "$(dirname "$0")"
clang --target=wasm32 -O3 -msimd128 -nostdlib -fno-builtin \
  -Wl,--no-entry -Wl,--export-dynamic -Wl,--export=__heap_base -Wl,--import-memory -Wl,--strip-all \
  -o kernels.wasm kernels.c
echo "built $(pwd)/kernels.wasm ($(wc -c < kernels.wasm) bytes)"

# The native build of the training kernels (see addon.c). kernels.c is compiled three times, one
# static library per vector width, and addon.c picks the widest the processor runs at load.
# -ffp-contract=off and no -mfma: every multiply and add rounds on its own, as in kernels.wasm,
# so every build gives bitwise the same numbers. Built by build.mjs at npm install; optional.
{
  "target_defaults": {
    "cflags": ["-O3", "-std=gnu11", "-ffp-contract=off", "-fno-math-errno", "-fno-strict-aliasing"],
    "cflags!": ["-O2", "-O0", "-fno-omit-frame-pointer"],
    "include_dirs": [".."],
  },
  "targets": [
    {
      "target_name": "kernels_sse2",
      "type": "static_library",
      "sources": ["../kernels.c"],
      "defines": ["LANES=4", "KERNEL_TABLE=kernels_sse2"],
    },
    {
      "target_name": "kernels_avx2",
      "type": "static_library",
      "sources": ["../kernels.c"],
      "defines": ["LANES=8", "KERNEL_TABLE=kernels_avx2"],
      "cflags": ["-mavx2"],
    },
    {
      "target_name": "kernels_avx512",
      "type": "static_library",
      "sources": ["../kernels.c"],
      "defines": ["LANES=16", "KERNEL_TABLE=kernels_avx512"],
      "cflags": ["-mavx512f"],
    },
    {
      "target_name": "taskgroup_kernels",
      "sources": ["addon.c", "calls.c"],
      "dependencies": ["kernels_sse2", "kernels_avx2", "kernels_avx512"],
      "defines": ["KERNELS_SOURCE=<!(node sourceHash.mjs)"],
    },
  ],
}

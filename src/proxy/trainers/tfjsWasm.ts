import { installed, tfjsTrainer } from './tfjsTrainers.js';

/** Plain tfjs on its WebAssembly backend: about 15× slower than our kernels (bench:train's tfjs-minimize row). */
export const tfjsWasmTrainer = tfjsTrainer({
  name: 'tfjs-wasm',
  backend: 'wasm',
  description: 'plain TensorFlow.js on its WebAssembly backend',
  computes: '@tensorflow/tfjs-backend-wasm',
  available: installed('@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'),
});

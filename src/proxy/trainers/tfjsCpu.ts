import { installed, tfjsTrainer } from './tfjsTrainers.js';

/** Plain tfjs on its pure-JavaScript backend: the slowest, for debugging and as the portable reference. */
export const tfjsCpuTrainer = tfjsTrainer({
  name: 'tfjs-cpu',
  backend: 'cpu',
  description: 'plain TensorFlow.js on its pure-JavaScript backend',
  computes: '@tensorflow/tfjs-core',
  available: installed('@tensorflow/tfjs'),
});

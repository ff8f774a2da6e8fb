export {
  meanAndStderr,
  pairNoise,
  pairRatios,
  transferScores,
  type SeedLosses,
  type TransferScores,
} from './scores.js';
export { measuredRelative, relativeLossInGroup, relativePairMatrix } from './groupEstimate.js';
export {
  fitGroupErrors,
  sizeShape,
  type GroupError,
  type GroupErrorInput,
  type GroupErrorModel,
} from './groupErrors.js';
export { averageLinkage, bestJoins } from './averageLinkage.js';
export { calibrationPairs } from './calibrationPairs.js';
export {
  fitPairPrior,
  meanAffinity,
  type PairPrior,
  type PairPriorInput,
  type TrainedPair,
} from './pairPrior.js';

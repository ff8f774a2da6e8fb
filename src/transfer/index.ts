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
export { affinityPairLosses, affinityScale, type AffinityRuns } from './affinityPairs.js';

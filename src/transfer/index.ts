export { meanAndStderr, pairRatios, transferScores, type SeedLosses, type TransferScores } from './scores.js';
export { relativeLossInGroup, relativePairMatrix } from './groupEstimate.js';

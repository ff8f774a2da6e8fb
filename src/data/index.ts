/** The data layer's public surface: load a CSV into an EncodedDataset. */
export { loadDataset, type LoadOptions } from './loadDataset.js';
export { LOAD_DEFAULTS } from './loadOptions.js';
export { ENCODING_VERSION } from './fingerprint.js';
export { sourceKey } from './sourceKey.js';
export type {
  EmbeddedColumn,
  EncodedDataset,
  EncodingWarning,
  TaskSpec,
  TaskType,
} from './types.js';
export { auc, findLeaks, leakageThreshold, type Leak } from './leakage.js';
export { EMBED, type EmbedOption } from './embedColumns.js';
export { warningLine } from './encodingWarnings.js';

/** The data layer's public surface: load a CSV into an EncodedDataset. */
export { loadDataset, type LoadOptions } from './loadDataset.js';
export { LOAD_DEFAULTS } from './loadOptions.js';
export { ENCODING_VERSION } from './fingerprint.js';
export { sourceKey } from './sourceKey.js';
export {
  TASK_TYPES,
  type EmbeddedColumn,
  type EncodedDataset,
  type EncodingWarning,
  type TaskSpec,
  type TaskType,
} from './types.js';
export { findLeaks, type Leak } from './leakage.js';
export { auc, leakageThreshold } from './taskTypes/index.js';
export { EMBED, type EmbedOption } from './embedColumns.js';
export { warningLine } from './encodingWarnings.js';

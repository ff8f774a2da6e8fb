/**
 * The encoded dataset every proxy run trains on. Built once in the main thread by src/data and
 * handed to workers as SharedArrayBuffer-backed arrays (no copy per run).
 */
/** The task types, listed once (inference order: taskTypes/index.ts holds their rules). */
export const TASK_TYPES = Object.freeze(['binary', 'regression'] as const);
export type TaskType = (typeof TASK_TYPES)[number];

export interface TaskSpec {
  /** Column name in the CSV. */
  name: string;
  type: TaskType;
}

/** Plain, structured-clone-safe description of the encoded data (crosses threads as is). */
export interface EncodedDataset {
  /** Content hash of the CSV bytes and the encoding choices: identifies the data. */
  fingerprint: string;
  tasks: TaskSpec[];
  /** Encoded feature width D (after one-hot / hashing). */
  dim: number;
  /** Names of the encoded feature columns, length dim (e.g. `country=fr`, `item_id#17`). */
  featureNames: string[];
  /** The CSV column each encoded feature comes from, length dim. */
  featureColumns: string[];
  /**
   * Training rows kept, in hash order: every training row of the file, or the first
   * maxTrainRows of them (all a proxy run with that many rows reads).
   */
  trainRows: number;
  /** Validation rows kept, in file order: at most maxValRows, those of smallest split position. */
  valRows: number;
  /** trainRows × dim, row-major, float32 on a SharedArrayBuffer. */
  trainX: Float32Array;
  /** valRows × dim, row-major. */
  valX: Float32Array;
  /**
   * trainRows × tasks.length, row-major. Binary labels are 0/1; regression labels are
   * standardised on the training split. NaN = label missing: masked for that task only.
   */
  trainY: Float32Array;
  /** valRows × tasks.length, same conventions as trainY. */
  valY: Float32Array;
}

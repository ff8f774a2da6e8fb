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
  /**
   * One encoded label unit in the column's unit: the training split's standard deviation of a
   * regression label (labels are standardised), 1 for binary (taskTypes/: `unit`). Absent in
   * datasets built by hand: read as 1.
   */
  unit?: number;
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
  /** The columns learned as embeddings (LoadOptions.embed), when there are any. */
  embed?: EncodedEmbeddings;
  /** One-line facts about the encoding a user may want to change (encodingWarnings.ts). */
  warnings?: EncodingWarning[];
}

/**
 * A column learned as an embedding table instead of encoded features: each value has a row of
 * `dim` learned numbers, the row `fnv1a32(value's text) mod rows` (embedColumns.ts).
 */
export interface EmbeddedColumn {
  /** The CSV column. */
  column: string;
  /** Width of each row's vector. */
  dim: number;
  /** Rows of its table (values beyond that share rows: hashing collisions). */
  rows: number;
}

/** The embedded columns and each kept row's index into their tables. */
export interface EncodedEmbeddings {
  /** In file order: the order of their vectors after the dense features in a network's input. */
  columns: EmbeddedColumn[];
  /** trainRows × columns.length, row-major: row r's row of column c's table. Int32, shared. */
  trainIds: Int32Array;
  /** valRows × columns.length, same conventions. */
  valIds: Int32Array;
}

/**
 * Why a column's encoding may lose what a recommender needs (one warning per column):
 * - `hashed-levels`: a string column with more levels than the one-hot limit, hashed to buckets;
 * - `numeric-id`: a numeric column that looks like an id, read as a number.
 * Embedding the column (LoadOptions.embed) answers both.
 */
export interface EncodingWarning {
  kind: 'hashed-levels' | 'numeric-id';
  column: string;
  /** Distinct values on the training rows: more than this (the one-hot limit). */
  levelsOver: number;
  /** `hashed-levels`: the buckets its levels share. */
  buckets?: number;
}

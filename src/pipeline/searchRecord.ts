import type { SearchConfig } from '../config/searchConfig.js';

/** What a search stores about itself, enough to resume it and to report on it. */
export interface SearchRecord {
  config: SearchConfig;
  dataset: { trainRows: number; valRows: number; dim: number; taskTypes: string[] };
}

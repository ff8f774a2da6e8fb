/**
 * How a run balances its auxiliary tasks' gradients on the shared layers (`search
 * --aux-balance`). A variant is one file of this folder, listed once in index.ts.
 */
export interface AuxBalanceVariant {
  /** What `--aux-balance` names it and a stored study records. */
  readonly name: string;
  /** A few words for `--help`. */
  readonly help: string;
  /**
   * The choice `--aux-balance NAME[:PARAMETER]` stands for, PARAMETER its text when given;
   * throws a UsageError naming `field` and the rule.
   */
  parse(field: string, parameter: string | undefined): AuxBalance;
  /** Whether its runs train otherwise than plainly (then it is part of their keys). */
  readonly rescales: boolean;
}

/** A balance as a study stores it: its variant's name and, for MetaBalance, its ratio R. */
export interface AuxBalance {
  name: string;
  ratio?: number;
}

/** What `--aux-balance` (and the library's `auxBalance`) takes: a balance's name, with MetaBalance's R. */
export type AuxBalanceText = 'none' | 'metabalance' | `metabalance:${number}`;

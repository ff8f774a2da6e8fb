/**
 * A value the database holds that is not what taskgroup wrote there (a row edited by hand or by
 * another program, a byte flipped inside a text column that SQLite's own checks cannot see).
 * storeProblem turns it into a one-line UsageError naming `--db FILE` (exit 2).
 */
export class DamagedValue extends Error {
  constructor(what: string) {
    super(`${what} is damaged (not the JSON taskgroup wrote); use a backup or another --db`);
    this.name = 'DamagedValue';
  }
}

/** A JSON column read back; a DamagedValue naming `what` when it does not parse. */
export function storedJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DamagedValue(what);
  }
}

/**
 * A JSON column read back, or `undefined` when it does not parse: for values whose reader
 * already refuses what it cannot use (a search's study record, see studyRecord.ts), so a listing
 * shows that one search as unreadable and goes on with the others.
 */
export function lenientJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

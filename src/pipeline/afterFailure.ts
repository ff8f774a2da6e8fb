/**
 * A write made while a session ends because of an error (handing back its claims, recording how
 * it ended). The disk or database that caused the error may refuse this write as well; it is
 * then left undone, which loses nothing: claims and sessions of a process that is gone are taken
 * over or ignored by the next one (src/store/owner.ts), and the first error is the one reported.
 */
export function writeAfterFailure(write: () => void): void {
  try {
    write();
  } catch {
    // Left undone on purpose: the error that ended the session is the one the caller reports.
  }
}

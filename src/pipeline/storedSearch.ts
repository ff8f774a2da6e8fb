import { quote } from 'shell-quote';
import { parseStudyRecord, type StudyRecord } from '../config/studyRecord.js';
import { UsageError } from '../errors.js';
import type { Store, StoredSearch } from '../store/index.js';

/** The study record of a stored search, read back and validated; `where` names it in messages. */
export function recordOf(search: StoredSearch, where = `search ${search.id}`): StudyRecord {
  return parseStudyRecord(search.config, where);
}

/**
 * A search of the database with its study read back. A missing search, or a study this
 * taskgroup cannot read, is a UsageError (exit 2) naming the database.
 */
export function findSearch(
  store: Store,
  searchId: string,
): { search: StoredSearch; record: StudyRecord } {
  const search = store.searches.find(searchId);
  if (!search)
    throw new UsageError(
      `search ${searchId}: not found in ${store.file} (see \`taskgroup status\`)`,
      'E_NOT_FOUND',
    );
  return { search, record: recordOf(search, `--db ${store.file}: search ${searchId}`) };
}

/**
 * The command that continues a stopped search, quoted for a POSIX shell where the database's path
 * needs it (`--db 'sp ace/k 2.db'`), so that it can be pasted as printed.
 */
export const resumeCommand = (searchId: string, dbFile: string): string =>
  quote(['taskgroup', 'resume', searchId, '--db', dbFile]);

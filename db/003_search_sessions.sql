-- The processes working on a search now: one row per process, added in the transaction that
-- creates or resumes the search and removed when that process stops. `owner` names the process
-- as run claims do ("host:pid:start:nonce", src/store/owner.ts). A search recorded as running
-- whose every owner is gone (kill -9, a crash, a full disk) is shown as interrupted, by a read:
-- status and report write nothing.
CREATE TABLE IF NOT EXISTS search_sessions (
  search_id    TEXT NOT NULL REFERENCES searches(id) ON DELETE CASCADE,
  owner        TEXT NOT NULL,
  started_at   TEXT NOT NULL,
  PRIMARY KEY (search_id, owner)
);

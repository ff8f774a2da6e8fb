-- Proxy runs, shared by every search: a run is identified by its key, a hash of
-- (dataset fingerprint, sorted task subset, proxy settings, seed), so a finished run is
-- never trained twice, whichever search asks for it.
CREATE TABLE runs (
  key          TEXT PRIMARY KEY,
  fingerprint  TEXT NOT NULL,
  tasks        TEXT NOT NULL,            -- JSON array of task names, in dataset order
  seed         INTEGER NOT NULL,
  settings     TEXT NOT NULL,            -- JSON ProxySettings
  status       TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
  losses       TEXT,                     -- JSON array, one validation loss per task
  backend      TEXT,
  train_ms     REAL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  error        TEXT,
  claimed_by   TEXT,                     -- owner of a 'running' claim: "host:pid:nonce"
  claimed_at   TEXT,
  finished_at  TEXT
);

CREATE TABLE searches (
  id           TEXT PRIMARY KEY,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  finished_at  TEXT,
  status       TEXT NOT NULL CHECK (status IN ('running', 'interrupted', 'done', 'failed')),
  data_file    TEXT NOT NULL,
  fingerprint  TEXT NOT NULL,
  config       TEXT NOT NULL,            -- JSON of the resolved search config
  result       TEXT,                     -- JSON ReportModel once the search is done
  trained      INTEGER NOT NULL DEFAULT 0,   -- runs this search trained itself, all sessions
  elapsed_sec  REAL NOT NULL DEFAULT 0
);

-- The runs a search planned; their state is the state of the run in `runs`
-- (no row there, or a stale 'running' claim = pending).
CREATE TABLE search_runs (
  search_id    TEXT NOT NULL REFERENCES searches(id) ON DELETE CASCADE,
  run_key      TEXT NOT NULL,
  tasks        TEXT NOT NULL,            -- JSON array of task indices
  seed         INTEGER NOT NULL,
  PRIMARY KEY (search_id, run_key)
);

CREATE INDEX searches_created ON searches(created_at);

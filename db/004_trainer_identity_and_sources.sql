-- Data sources: what the database remembers of a data file it has loaded, keyed by the file's
-- bytes and the load options (src/data/sourceKey.ts), so that a rerun whose runs are all stored
-- reads the file's bytes once and parses nothing. `facts` is JSON: the fingerprint's dataset
-- facts (rows, width, task types) and the leakage warnings of the load.
CREATE TABLE IF NOT EXISTS data_sources (
  source_key   TEXT PRIMARY KEY,
  fingerprint  TEXT NOT NULL,
  facts        TEXT NOT NULL,
  created_at   TEXT NOT NULL
);

-- Trainer identity: a run key now names the trainer's numbers when they are not the kernels'
-- (src/pipeline/plan.ts). Runs that the plain TensorFlow.js trainer trained before (backend
-- 'cpu', or 'tensorflow' for tfjs-node) were stored under the kernels' key, where a search on the
-- kernels would have taken their numbers as its own. They are kept, under a key no search asks
-- for; the searches that planned them see those runs as pending and train them again.
UPDATE runs SET key = 'retired:' || backend || ':' || key
  WHERE backend IN ('cpu', 'tensorflow') AND key NOT LIKE 'retired:%';

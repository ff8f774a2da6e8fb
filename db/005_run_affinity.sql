-- A lookahead run (`search --method tag`) stores, beside its losses, the n × n lookahead
-- affinity it measured (JSON, row-major, Z(j→i) at [i·n + j]); other runs have no row here.
-- A table of its own (IF NOT EXISTS), so applying this twice changes nothing.
CREATE TABLE IF NOT EXISTS run_affinity (
  run_key TEXT PRIMARY KEY REFERENCES runs(key),
  affinity TEXT NOT NULL
);

-- A planned run's network (src/proxy/architectures) when it is not the shared bottom: JSON of
-- its resolved choice, such as {"name":"mmoe","experts":4}. A shared-bottom search plans, beside
-- its own runs, one MMoE over every task per seed as a baseline, and its decision reads the two
-- apart; a search with --architecture mmoe plans every run as an MMoE. A planned run with no row
-- here is a shared bottom, as every run was before architectures had names. The run key holds
-- the architecture already, so no key changes. A table of its own (IF NOT EXISTS), so applying
-- this twice changes nothing.
CREATE TABLE IF NOT EXISTS planned_architecture (
  search_id    TEXT NOT NULL REFERENCES searches(id) ON DELETE CASCADE,
  run_key      TEXT NOT NULL,
  architecture TEXT NOT NULL,
  PRIMARY KEY (search_id, run_key)
);

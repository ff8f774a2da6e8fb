-- A run's network (src/proxy/architectures): JSON of its resolved choice, such as
-- {"name":"mmoe","experts":4}; NULL is the shared-bottom network, the one every run trained
-- before architectures had names. A planned run carries it (`search_runs`): a shared-bottom
-- search plans, beside its own runs, one MMoE over every task per seed as a baseline, and its
-- decision reads the two apart. `runs` keeps it with the run's other identity (data, tasks,
-- seed, settings); the run key already holds it, so no key changes.
ALTER TABLE search_runs ADD COLUMN architecture TEXT;
ALTER TABLE runs ADD COLUMN architecture TEXT;

-- A run stores, beside its losses, each task's metric at its best epoch (JSON, in the run's task
-- order: AUC for a binary task, RMSE in the label's unit for regression; null where the
-- validation rows cannot give it). Runs trained before metrics existed have no row here.
-- A table of its own (IF NOT EXISTS), so applying this twice changes nothing.
CREATE TABLE IF NOT EXISTS run_metrics (
  run_key TEXT PRIMARY KEY REFERENCES runs(key),
  metrics TEXT NOT NULL
);

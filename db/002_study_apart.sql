-- A search stores its study apart from the machine that ran it: `searches.config` becomes
-- {"version": 2, "study": ..., "dataset": ...}, where the study is the old resolved config
-- without `workers` and `backend` (each search or resume chooses those afresh). A row that is
-- not the old shape is left as it is; reading it back refuses it with a message.
UPDATE searches
SET config = json_object(
  'version', 2,
  'study', json_remove(json_extract(config, '$.config'), '$.workers', '$.backend'),
  'dataset', json(json_extract(config, '$.dataset'))
)
WHERE CASE WHEN json_valid(config)
  THEN json_type(config, '$.version') IS NULL AND json_type(config, '$.config') = 'object'
  ELSE 0 END;

-- A plan's items become rows and its input snapshot's units chunks of rows (issue #13 item 4): a
-- province's plan (four million items, two million units) no longer has to fit in one database
-- value, and an item keeps a stable key across revisions that tasks link to. A chunk is a JSON
-- array of units (1,000 when compiled; an existing plan's whole list as one chunk). Existing plans are split in place: their
-- items and units move out of the JSON documents into the new tables, each item gets its key
-- ("{credit code}/{rule}/{occurrence}", "#n" on the n-th repeat in plan order, as the compiler now
-- assigns it), and the plan tasks made from them are relinked from the old
-- "{code}|{date}|{kind}|{occurrence}" key to the item's key.
CREATE TABLE plan_items (
  plan_id INTEGER NOT NULL REFERENCES plans(id),
  seq INTEGER NOT NULL,
  item_key TEXT NOT NULL,
  unit_credit_code TEXT NOT NULL,
  scheduled_on TEXT NOT NULL,
  slot INTEGER NOT NULL,
  kind TEXT NOT NULL,
  rule TEXT NOT NULL,
  body_json TEXT NOT NULL,
  PRIMARY KEY (plan_id, seq)
) WITHOUT ROWID;
-- No index on item_key: inserting a province's four million keys in random order into one cost
-- more than the rest of the save (5 s per million on SQLite); keys are unique by the compiler's
-- construction and checked by plan verify, and tasks are found by their own index.
CREATE INDEX plan_items_by_day ON plan_items(plan_id, scheduled_on);

CREATE TABLE plan_input_chunks (
  plan_id INTEGER NOT NULL REFERENCES plans(id),
  ordinal INTEGER NOT NULL,
  units_json TEXT NOT NULL,
  PRIMARY KEY (plan_id, ordinal)
) WITHOUT ROWID;

CREATE TRIGGER plan_items_no_update BEFORE UPDATE ON plan_items BEGIN
  SELECT RAISE(ABORT, 'plan items are immutable');
END;
CREATE TRIGGER plan_items_no_delete BEFORE DELETE ON plan_items BEGIN
  SELECT RAISE(ABORT, 'plan items are immutable');
END;
CREATE TRIGGER plan_input_chunks_no_update BEFORE UPDATE ON plan_input_chunks BEGIN
  SELECT RAISE(ABORT, 'plan input snapshots are immutable');
END;
CREATE TRIGGER plan_input_chunks_no_delete BEFORE DELETE ON plan_input_chunks BEGIN
  SELECT RAISE(ABORT, 'plan input snapshots are immutable');
END;

INSERT INTO plan_items(plan_id, seq, item_key, unit_credit_code, scheduled_on, slot, kind, rule,
                       body_json)
SELECT plan_id, seq, item_key, code, day, slot, kind, rule, json_set(body, '$.key', item_key)
FROM (
  SELECT plan_id, seq, code, day, slot, kind, rule, body,
         base || CASE WHEN repeat > 1 THEN '#' || repeat ELSE '' END AS item_key
  FROM (
    SELECT p.id AS plan_id,
           json_extract(e.value, '$.seq') AS seq,
           json_extract(e.value, '$.unit_credit_code') AS code,
           json_extract(e.value, '$.date') AS day,
           json_extract(e.value, '$.slot') AS slot,
           json_extract(e.value, '$.kind') AS kind,
           json_extract(e.value, '$.rule') AS rule,
           e.value AS body,
           json_extract(e.value, '$.unit_credit_code') || '/' || json_extract(e.value, '$.rule') ||
             '/' || json_extract(e.value, '$.occurrence') AS base,
           row_number() OVER (PARTITION BY p.id, json_extract(e.value, '$.unit_credit_code'),
                                           json_extract(e.value, '$.rule'),
                                           json_extract(e.value, '$.occurrence')
                              ORDER BY json_extract(e.value, '$.seq')) AS repeat
    FROM plans p, json_each(p.plan_json, '$.items') e
    WHERE json_valid(p.plan_json)
  )
);
UPDATE plans SET plan_json = json_remove(plan_json, '$.items')
WHERE json_valid(plan_json) AND json_type(plan_json, '$.items') IS NOT NULL;

INSERT INTO plan_input_chunks(plan_id, ordinal, units_json)
SELECT id, 1, json_extract(input_json, '$.units') FROM plans
WHERE input_json <> '' AND json_valid(input_json) AND json_type(input_json, '$.units') = 'array';
UPDATE plans SET input_json = json_remove(input_json, '$.units')
WHERE input_json <> '' AND json_valid(input_json) AND json_type(input_json, '$.units') IS NOT NULL;

UPDATE inspection_tasks SET plan_item_key = (
  SELECT i.item_key FROM plan_items i
  WHERE i.plan_id = inspection_tasks.plan_id
    AND i.unit_credit_code || '|' || i.scheduled_on || '|' || i.kind || '|' ||
        json_extract(i.body_json, '$.occurrence') = inspection_tasks.plan_item_key)
WHERE plan_id IS NOT NULL AND EXISTS (
  SELECT 1 FROM plan_items i
  WHERE i.plan_id = inspection_tasks.plan_id
    AND i.unit_credit_code || '|' || i.scheduled_on || '|' || i.kind || '|' ||
        json_extract(i.body_json, '$.occurrence') = inspection_tasks.plan_item_key);

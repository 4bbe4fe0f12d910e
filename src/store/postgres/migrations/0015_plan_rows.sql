-- The PostgreSQL form of sqlite/migrations/0015: a plan's items as rows and its input snapshot's
-- units as chunks of rows, existing plans split in place (each item keyed "{credit code}/{rule}/{occurrence}", "#n" on
-- the n-th repeat in plan order) and the plan tasks made from them relinked to the item keys.
CREATE TABLE plan_items (
  plan_id BIGINT NOT NULL REFERENCES plans(id),
  seq BIGINT NOT NULL,
  item_key TEXT COLLATE "C" NOT NULL,
  unit_credit_code TEXT COLLATE "C" NOT NULL,
  scheduled_on TEXT COLLATE "C" NOT NULL,
  slot BIGINT NOT NULL,
  kind TEXT COLLATE "C" NOT NULL,
  rule TEXT COLLATE "C" NOT NULL,
  body_json TEXT NOT NULL,
  PRIMARY KEY (plan_id, seq)
);
-- No index on item_key: inserting a province's four million keys in random order into one cost
-- more than the rest of the save (5 s per million on SQLite); keys are unique by the compiler's
-- construction and checked by plan verify, and tasks are found by their own index.
CREATE INDEX plan_items_by_day ON plan_items(plan_id, scheduled_on);

CREATE TABLE plan_input_chunks (
  plan_id BIGINT NOT NULL REFERENCES plans(id),
  ordinal BIGINT NOT NULL,
  units_json TEXT NOT NULL,
  PRIMARY KEY (plan_id, ordinal)
);

CREATE TRIGGER plan_items_immutable BEFORE UPDATE OR DELETE ON plan_items
  FOR EACH ROW EXECUTE FUNCTION refuse_change('plan items are immutable');
CREATE TRIGGER plan_input_chunks_immutable BEFORE UPDATE OR DELETE ON plan_input_chunks
  FOR EACH ROW EXECUTE FUNCTION refuse_change('plan input snapshots are immutable');

INSERT INTO plan_items(plan_id, seq, item_key, unit_credit_code, scheduled_on, slot, kind, rule,
                       body_json)
SELECT plan_id, seq, item_key, code, day, slot, kind, rule,
       (body || jsonb_build_object('key', item_key))::text
FROM (
  SELECT plan_id, seq, code, day, slot, kind, rule, body,
         code || '/' || rule || '/' || occurrence ||
           CASE WHEN repeat > 1 THEN '#' || repeat ELSE '' END AS item_key
  FROM (
    SELECT p.id AS plan_id,
           (e.value ->> 'seq')::integer AS seq,
           e.value ->> 'unit_credit_code' AS code,
           e.value ->> 'date' AS day,
           (e.value ->> 'slot')::integer AS slot,
           e.value ->> 'kind' AS kind,
           e.value ->> 'rule' AS rule,
           e.value ->> 'occurrence' AS occurrence,
           e.value AS body,
           row_number() OVER (PARTITION BY p.id, e.value ->> 'unit_credit_code',
                                           e.value ->> 'rule', e.value ->> 'occurrence'
                              ORDER BY (e.value ->> 'seq')::integer) AS repeat
    FROM plans p, jsonb_array_elements(CASE WHEN jsonb_typeof(NULLIF(p.plan_json, '')::jsonb -> 'items') = 'array'
                                             THEN p.plan_json::jsonb -> 'items' ELSE '[]'::jsonb END) e
  ) numbered
) keyed;
UPDATE plans SET plan_json = ((plan_json::jsonb) - 'items')::text
WHERE (NULLIF(plan_json, '')::jsonb -> 'items') IS NOT NULL;

INSERT INTO plan_input_chunks(plan_id, ordinal, units_json)
SELECT id, 1, (input_json::jsonb -> 'units')::text FROM plans
WHERE jsonb_typeof(NULLIF(input_json, '')::jsonb -> 'units') = 'array';
UPDATE plans SET input_json = ((input_json::jsonb) - 'units')::text
WHERE (NULLIF(input_json, '')::jsonb -> 'units') IS NOT NULL;

UPDATE inspection_tasks t SET plan_item_key = i.item_key
FROM plan_items i
WHERE t.plan_id IS NOT NULL AND i.plan_id = t.plan_id
  AND i.unit_credit_code || '|' || i.scheduled_on || '|' || i.kind || '|' ||
      ((i.body_json::jsonb) ->> 'occurrence') = t.plan_item_key;

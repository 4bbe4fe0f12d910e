-- A change counter only has to differ after a transaction that changed its data, so it is bumped
-- once per transaction: every further bump of the same row inside one transaction made PostgreSQL
-- walk the row's earlier versions, and an import of 20,000 rows took 3.0 s for the counter alone
-- (0.06 s without it). The transaction-local setting remembers that this transaction has bumped.
CREATE OR REPLACE FUNCTION bump_change_counter() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  flag text := 'anjian.bumped_' || TG_ARGV[0];
BEGIN
  IF current_setting(flag, true) IS DISTINCT FROM '1' THEN
    UPDATE change_counters SET value = value + 1 WHERE name = TG_ARGV[0];
    PERFORM set_config(flag, '1', true);
  END IF;
  RETURN NULL;
END $$;

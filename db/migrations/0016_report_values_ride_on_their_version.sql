-- A version's values are written only with the version, in the statement after its insert
-- (db/store/reports.ts `add`; test/db/read-cache.test.ts holds every write of report_values to
-- that): the version's own insert trigger moves the reports' data version for them, so the
-- values' insert trigger, which bumped it once a row (twenty times a submission), goes. A change
-- to a value (update, delete) still bumps it a row.
DROP TRIGGER `data_versions_report_values_insert`;

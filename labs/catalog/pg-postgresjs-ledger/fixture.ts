// Seed data for pg-postgresjs-ledger. Account 1's amounts add up to 2^53 + 3, a sum a JavaScript
// number cannot hold exactly (Number.MAX_SAFE_INTEGER is 2^53 - 1):
// https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Number/MAX_SAFE_INTEGER
// entries.amount_cents has CHECK (amount_cents <> 0) and ref is unique, so a batch can hold
// entries that fail inside the database (SQLSTATE 23514 and 23505).
import { defineFixture } from '../../engine/contracts/checks.ts';

export const BIG_TOTAL = 2n ** 53n + 3n;

export default defineFixture(async ({ pg }) => {
  if (!pg) throw new Error('pg-postgresjs-ledger needs the postgres backend');
  await pg.query(`
    CREATE TABLE entries (
      ref          text PRIMARY KEY,
      account_id   int NOT NULL,
      amount_cents bigint NOT NULL CHECK (amount_cents <> 0)
    );
    INSERT INTO entries VALUES
      ('seed-1', 1, ${2n ** 52n}), ('seed-2', 1, ${2n ** 52n}), ('seed-3', 1, 3),
      ('seed-4', 2, 1500), ('seed-5', 2, -200);
  `);
});

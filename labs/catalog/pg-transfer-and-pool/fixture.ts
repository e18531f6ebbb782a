// Seed data for pg-transfer-and-pool.
// accounts: a CHECK constraint makes an overdraft fail inside the database (SQLSTATE 23514).
// orders: 50,000 rows behind a view whose filter calls nextval('order_reads') once per row the
// executor produces. A cursor produces rows only as they are FETCHed, so the sequence tells the
// checks how many rows had been read when each batch was saved; a query that loads everything
// moves it to 50,000 before the first batch. (Sequences are not transactional, so the checks see
// the count while the learner's transaction is still open:
// https://www.postgresql.org/docs/current/functions-sequence.html)
import { defineFixture } from '../../engine/contracts/checks.ts';

export const ORDER_COUNT = 50_000;

export default defineFixture(async ({ pg }) => {
  if (!pg) throw new Error('pg-transfer-and-pool needs the postgres backend');
  await pg.query(`
    CREATE TABLE accounts (
      id            int PRIMARY KEY,
      owner         text NOT NULL,
      balance_cents bigint NOT NULL CHECK (balance_cents >= 0)
    );
    INSERT INTO accounts VALUES
      (1, 'Ada',    100000), (2, 'Grace',  100000), (3, 'Edsger', 100000),
      (4, 'Barbara',100000), (5, 'Ken',         0), (6, 'Dennis',  50000);

    CREATE TABLE order_rows (
      id           bigint PRIMARY KEY,
      customer_id  int NOT NULL,
      amount_cents bigint NOT NULL,
      created_at   timestamptz NOT NULL
    );
    INSERT INTO order_rows
      SELECT g, g % 997, (g * 37) % 10000 + 1, timestamptz '2026-01-01' + g * interval '1 minute'
      FROM generate_series(1, ${ORDER_COUNT}) AS g;
    ANALYZE order_rows;
    CREATE SEQUENCE order_reads;
    CREATE VIEW orders AS
      SELECT id, customer_id, amount_cents, created_at FROM order_rows
      WHERE nextval('order_reads') > 0;

    CREATE TABLE export_parts (
      part_no          serial PRIMARY KEY,
      first_id         bigint NOT NULL,
      last_id          bigint NOT NULL,
      row_count        int NOT NULL,
      total_cents      bigint NOT NULL,
      rows_read_so_far bigint DEFAULT pg_sequence_last_value('order_reads')
    );
  `);
});

// Seed data for pg-postgresjs-orders.
// products: one category holds an apostrophe (kids' toys), so string-built SQL breaks on real data.
// stock has a CHECK (stock >= 0): an order for more than is on the shelf fails inside the database.
// events: 20,000 rows behind a view whose filter calls nextval('event_reads') once per row the
// executor produces. A cursor (an Execute with a row limit on a portal) produces rows only as
// they are requested, so the sequence tells the checks how many rows had been read when each
// batch was saved; a query that loads everything moves it to 20,000 before the first batch.
// Sequences are not transactional, so another session sees the count at once:
// https://www.postgresql.org/docs/current/functions-sequence.html
import { defineFixture } from '../../engine/contracts/checks.ts';

export const EVENT_COUNT = 20_000;

export default defineFixture(async ({ pg }) => {
  if (!pg) throw new Error('pg-postgresjs-orders needs the postgres backend');
  await pg.query(`
    CREATE TABLE products (
      id          int PRIMARY KEY,
      sku         text NOT NULL UNIQUE,
      name        text NOT NULL,
      category    text NOT NULL,
      price_cents int NOT NULL,
      stock       int NOT NULL CHECK (stock >= 0)
    );
    INSERT INTO products
      SELECT g, 'SKU-' || lpad(g::text, 4, '0'), 'Product ' || g,
             (ARRAY['books', 'games', 'kids'' toys', 'garden', 'kitchen'])[g % 5 + 1],
             (g * 37) % 5000 + 100, (g * 7) % 20
      FROM generate_series(1, 200) AS g;

    CREATE TABLE orders (
      id          bigserial PRIMARY KEY,
      customer_id int NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE order_items (
      order_id   bigint NOT NULL REFERENCES orders (id),
      product_id int NOT NULL REFERENCES products (id),
      qty        int NOT NULL CHECK (qty > 0),
      PRIMARY KEY (order_id, product_id)
    );

    CREATE TABLE event_rows (
      id       bigint PRIMARY KEY,
      kind     text NOT NULL,
      payload  text NOT NULL
    );
    INSERT INTO event_rows
      SELECT g, (ARRAY['view', 'cart', 'buy'])[g % 3 + 1], repeat('x', 40)
      FROM generate_series(1, ${EVENT_COUNT}) AS g;
    ANALYZE event_rows;
    CREATE SEQUENCE event_reads;
    CREATE VIEW events AS
      SELECT id, kind, payload FROM event_rows WHERE nextval('event_reads') > 0;

    CREATE TABLE export_parts (
      part_no          serial PRIMARY KEY,
      first_id         bigint NOT NULL,
      last_id          bigint NOT NULL,
      row_count        int NOT NULL,
      rows_read_so_far bigint DEFAULT pg_sequence_last_value('event_reads')
    );
  `);
});

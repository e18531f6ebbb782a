// Seed data for pg-safe-queries: a few users (one with an apostrophe in her email, so string
// concatenation breaks on honest input) and products whose names contain LIKE wildcards.
import { defineFixture } from '../../engine/contracts/checks.ts';

export default defineFixture(async ({ pg }) => {
  if (!pg) throw new Error('pg-safe-queries needs the postgres backend');
  await pg.query(`
    CREATE TABLE users (
      id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      email      text NOT NULL UNIQUE,
      name       text NOT NULL,
      created_at timestamptz NOT NULL
    );
    INSERT INTO users (email, name, created_at) VALUES
      ('ada@example.com',     'Ada Lovelace',    '2026-03-01T09:30:00Z'),
      ('grace@example.com',   'Grace Hopper',    '2026-03-02T10:00:00Z'),
      ('o''brien@example.com','Maeve O''Brien',  '2026-03-03T11:15:00Z'),
      ('edsger@example.com',  'Edsger Dijkstra', '2026-03-04T12:45:00Z');

    CREATE TABLE products (
      id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name  text NOT NULL,
      price numeric(10, 2) NOT NULL
    );
    INSERT INTO products (name, price) VALUES
      ('USB-C cable, 1 m',         '9.90'),
      ('USB-C cable, 2 m',        '12.50'),
      ('HDMI Cable 4K',           '15.00'),
      ('USB-C 150W charger',      '49.99'),
      ('Discount 50% bundle',     '99.00'),
      ('500 GB SSD',              '59.95'),
      ('usb_hub 4-port',          '24.00'),
      ('Precision screwdriver set','0.10');
  `);
});

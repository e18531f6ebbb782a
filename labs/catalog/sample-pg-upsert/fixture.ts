import { defineFixture } from '../../engine/contracts/checks.ts';

export default defineFixture(async ({ pg }) => {
  await pg!.query(`
    CREATE TABLE products (
      sku         text PRIMARY KEY,
      name        text NOT NULL,
      price_cents integer NOT NULL CHECK (price_cents >= 0),
      version     integer NOT NULL DEFAULT 1
    )`);
});

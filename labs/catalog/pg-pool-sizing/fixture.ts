// Seed data for pg-pool-sizing: per-region sales to report on.
// The connection budget itself is enforced by the checks (ALTER DATABASE … CONNECTION LIMIT,
// https://www.postgresql.org/docs/current/sql-alterdatabase.html) only while a check runs: the
// learner's database is shared with every other Postgres lab, so the fixture lifts any limit a
// crashed grading run might have left behind.
import { defineFixture } from '../../engine/contracts/checks.ts';

export const REGIONS = ['north', 'south', 'east', 'west', 'central'] as const;

export default defineFixture(async ({ pg }) => {
  if (!pg) throw new Error('pg-pool-sizing needs the postgres backend');
  await pg.query(`
    DO $$ BEGIN EXECUTE format('ALTER DATABASE %I CONNECTION LIMIT -1', current_database()); END $$;
    CREATE TABLE sales (
      id           int PRIMARY KEY,
      region       text NOT NULL,
      amount_cents bigint NOT NULL
    );
    INSERT INTO sales
      SELECT g, (ARRAY['north','south','east','west','central'])[g % 5 + 1], (g * 37) % 1000 + 1
      FROM generate_series(1, 5000) AS g;
  `);
});

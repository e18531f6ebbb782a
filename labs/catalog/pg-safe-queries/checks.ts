// Hidden checks for pg-safe-queries. Expected values are read from the database with the admin
// client, never hard-coded, so a check fails for the reason its message names.
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import type { Client } from 'pg';

type Solution = typeof import('./solution.ts');
// Explicit parameter type: TypeScript only narrows through ctx.assert when ctx is annotated.
type Ctx = CheckContext<Solution>;

function db(pg: Client | undefined): Client {
  if (!pg) throw new Error('pg-safe-queries needs the postgres backend');
  return pg;
}

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : `${String(v)} (${typeof v})`);

export default defineChecks<Solution>([
  {
    task: 'find-user',
    name: 'findUserByEmail returns the user with id as a number and createdAt as a Date',
    async run(ctx: Ctx) {
      const { rows } = await db(ctx.pg).query("SELECT id::text, email, name, created_at FROM users WHERE email = 'ada@example.com'");
      const expected = rows[0];
      const user = await ctx.learner.findUserByEmail('ada@example.com');
      ctx.assert(user, 'findUserByEmail("ada@example.com") returned null, but that user exists. Check the WHERE clause and that you return rows[0].');
      ctx.assert(user.email === 'ada@example.com' && user.name === expected.name, `Expected Ada's row, got ${JSON.stringify(user)}.`);
      ctx.assert(
        typeof user.id === 'number' && user.id === Number(expected.id),
        `user.id should be the number ${expected.id}, got ${show(user.id)}. users.id is bigint (int8), and node-postgres returns int8 as a string so that no 64-bit value is rounded; convert it with Number() here, where ids are small.`,
      );
      ctx.assert(
        user.createdAt instanceof Date && user.createdAt.getTime() === expected.created_at.getTime(),
        `user.createdAt should be a Date equal to ${expected.created_at.toISOString()}, got ${show(user.createdAt)}. The column is created_at; map it to createdAt.`,
      );
    },
  },
  {
    task: 'find-user',
    name: "findUserByEmail handles an apostrophe and returns null for an unknown email",
    async run(ctx: Ctx) {
      let user;
      try {
        user = await ctx.learner.findUserByEmail("o'brien@example.com");
      } catch (e) {
        ctx.fail(`findUserByEmail("o'brien@example.com") threw: ${(e as Error).message}. The apostrophe ended the string literal in your SQL text: that is the same hole SQL injection uses. Send the email as a parameter ($1) instead.`);
      }
      ctx.assert(user?.name === "Maeve O'Brien", `findUserByEmail("o'brien@example.com") should find Maeve O'Brien, got ${JSON.stringify(user)}.`);
      const none = await ctx.learner.findUserByEmail('nobody@example.com');
      ctx.assert(none === null, `findUserByEmail("nobody@example.com") should return null, got ${JSON.stringify(none)}.`);
    },
  },
  {
    task: 'search-products',
    name: 'searchProducts matches names case-insensitively, ordered by name, with exact prices',
    async run(ctx: Ctx) {
      const { rows } = await db(ctx.pg).query("SELECT id::int, name, price::text FROM products WHERE name ILIKE '%cable%' ORDER BY name, id");
      for (const term of ['cable', 'CABLE']) {
        const got = await ctx.learner.searchProducts(term);
        ctx.assert(Array.isArray(got), `searchProducts(${JSON.stringify(term)}) should return an array, got ${show(got)}.`);
        const names = got.map((p) => p.name);
        ctx.assert(
          JSON.stringify(names) === JSON.stringify(rows.map((r) => r.name)),
          `searchProducts(${JSON.stringify(term)}) should return ${JSON.stringify(rows.map((r) => r.name))} (names containing it in any case, ordered by name), got ${JSON.stringify(names)}. Use ILIKE with '%' on both sides of the term, and ORDER BY name.`,
        );
        got.forEach((p, i) => {
          ctx.assert(
            p.price === rows[i].price,
            `The price of "${p.name}" should be the string "${rows[i].price}", got ${show(p.price)}. numeric arrives as a string because a float cannot hold every decimal exactly (Number("9.90") prints 9.9); keep it as text or as integer cents.`,
          );
          ctx.assert(p.id === rows[i].id, `The id of "${p.name}" should be the number ${rows[i].id}, got ${show(p.id)}.`);
        });
      }
    },
  },
  {
    task: 'literal-wildcards',
    name: "A '%' or '_' in the term is matched literally",
    async run(ctx: Ctx) {
      const percent = (await ctx.learner.searchProducts('50%')).map((p) => p.name);
      ctx.assert(
        JSON.stringify(percent) === JSON.stringify(['Discount 50% bundle']),
        `searchProducts("50%") should return only "Discount 50% bundle", got ${JSON.stringify(percent)}. ` +
          (percent.length > 1
            ? 'The % typed by the user became a LIKE wildcard, so every name containing "50" matched. Escape %, _ and \\ in the term with a backslash before binding it.'
            : "Search by a contains-pattern ('%' + term + '%') bound as $1."),
      );
      const underscore = (await ctx.learner.searchProducts('_')).map((p) => p.name);
      ctx.assert(
        JSON.stringify(underscore) === JSON.stringify(['usb_hub 4-port']),
        `searchProducts("_") should return only "usb_hub 4-port", got ${underscore.length} products. An unescaped _ matches any single character.`,
      );
    },
  },
  {
    task: 'count-users',
    name: 'countUsers returns a number that follows the table',
    async run(ctx: Ctx) {
      const before = await ctx.learner.countUsers();
      ctx.assert(
        typeof before === 'number',
        `countUsers() should return a number, got ${show(before)}. count(*) is int8 (bigint), which node-postgres returns as a string; "4" + 1 is "41", not 5.`,
      );
      await db(ctx.pg).query("INSERT INTO users (email, name, created_at) VALUES ('check@example.com', 'Check', now())");
      const { rows } = await db(ctx.pg).query('SELECT count(*)::int AS n FROM users');
      const after = await ctx.learner.countUsers();
      ctx.assert(after === rows[0].n, `After one more user was inserted, countUsers() should return ${rows[0].n}, got ${show(after)}.`);
    },
  },
  {
    task: 'injection-proof',
    name: 'Classic injection strings match nothing and change nothing',
    async run(ctx: Ctx) {
      const pg = db(ctx.pg);
      const count = async () => (await pg.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('users','products')")).rows[0].n as number;
      const users = async () => (await pg.query('SELECT count(*)::int AS n FROM users')).rows[0].n as number;
      const usersBefore = await users();
      const attempts: Array<['findUserByEmail' | 'searchProducts', string]> = [
        ['findUserByEmail', "' OR '1'='1"],
        ['findUserByEmail', "x' OR 1=1 --"],
        ['searchProducts', "' OR ''='"],
        ['searchProducts', "'; DROP TABLE users; --"],
        ['findUserByEmail', "'; DELETE FROM users; --"],
      ];
      for (const [fn, input] of attempts) {
        let result: unknown;
        try {
          result = fn === 'findUserByEmail' ? await ctx.learner.findUserByEmail(input) : await ctx.learner.searchProducts(input);
        } catch (e) {
          ctx.fail(`${fn}(${JSON.stringify(input)}) threw "${(e as Error).message}". With a bound parameter this input is just an odd string that matches nothing; an error means it was parsed as SQL.`);
        }
        const empty = result === null || (Array.isArray(result) && result.length === 0);
        ctx.assert(empty, `${fn}(${JSON.stringify(input)}) should match nothing, got ${JSON.stringify(result)}. The input rewrote your WHERE clause: bind it as $1 instead of pasting it into the SQL.`);
        ctx.assert((await count()) === 2, `After ${fn}(${JSON.stringify(input)}) a table is gone: the text after the quote ran as a second statement. Bound parameters are never parsed as SQL.`);
        ctx.assert((await users()) === usersBefore, `After ${fn}(${JSON.stringify(input)}) the users table has ${await users()} rows instead of ${usersBefore}: the input ran as SQL.`);
      }
    },
  },
]);

// Reference solution for pg-postgresjs-ledger.
// Types and BigInt: https://github.com/porsager/postgres#numbers-bigint-numeric
// Savepoints: https://github.com/porsager/postgres#transactions
// LISTEN/NOTIFY: https://github.com/porsager/postgres#listen--notify
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL!, { onnotice: () => {} });

export interface Entry {
  ref: string;
  accountId: number;
  amountCents: bigint;
}

/** The exact sum of an account's entries (0n when it has none). */
export async function balance(accountId: number): Promise<bigint> {
  // sum(bigint) is numeric; ::int8 brings it back to int8, which postgres.js returns as a string.
  const [row] = await sql<{ total: string }[]>`
    SELECT coalesce(sum(amount_cents), 0)::int8 AS total FROM entries WHERE account_id = ${accountId}`;
  return BigInt(row.total);
}

/** Inserts the entries in one transaction; an entry the database refuses is skipped, not fatal. */
export async function importEntries(entries: Entry[]): Promise<{ imported: string[]; rejected: string[] }> {
  const imported: string[] = [];
  const rejected: string[] = [];
  await sql.begin(async (tx) => {
    for (const e of entries) {
      try {
        // Only this savepoint rolls back when the INSERT fails; the transaction stays usable.
        await tx.savepoint(async (sp) => {
          await sp`INSERT INTO entries (ref, account_id, amount_cents) VALUES (${e.ref}, ${e.accountId}, ${e.amountCents.toString()})`;
        });
        imported.push(e.ref);
      } catch {
        rejected.push(e.ref);
      }
    }
  });
  return { imported, rejected };
}

const received: string[] = [];

/** Starts listening on the "ledger" channel; resolves once LISTEN is active. */
export async function startListening(): Promise<void> {
  // Wrong: LISTEN runs on some pooled connection, and nothing routes its notifications to `received`.
  await sql`LISTEN ledger`;
}

/** Payloads received so far, in arrival order. */
export function notifications(): string[] {
  return [...received];
}

/** The Run button calls this. */
export async function main(): Promise<void> {
  console.log('account 1:', await balance(1));
  console.log(await importEntries([{ ref: 'a', accountId: 3, amountCents: 10n }, { ref: 'b', accountId: 3, amountCents: 0n }]));
  await startListening();
  await sql.notify('ledger', 'hello');
  await sql.end();
}

// Hidden checks for dynamodb-transfer-unique. State is read with the engine's own client;
// ctx.dynamodb.operations() shows HOW the learner's code wrote (one TransactWriteItems or
// several plain writes, which ClientRequestToken each request carried). Each check uses its
// own accounts and users, so the checks share the namespace without disturbing each other.
import { randomUUID } from 'node:crypto';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { defineChecks, type CheckContext, type DynamoOperation } from '../../engine/contracts/checks.ts';
import { TABLE } from './fixture.ts';

type Ctx = CheckContext<typeof import('./solution.ts')>;

const PLAIN_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);
const show = (v: unknown) => JSON.stringify(v) ?? String(v);
/**
 * A fresh transfer id per grading: DynamoDB remembers a ClientRequestToken for 10 minutes, and
 * the emulator keeps that memory across the namespace reset, so a fixed id would make the next
 * submission's transfer a replay of the previous one.
 */
const transferId = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

async function item(ctx: Ctx, pk: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await ctx.dynamodb!.doc.send(new GetCommand({ TableName: TABLE, Key: { PK: pk }, ConsistentRead: true }));
  return Item;
}

async function balance(ctx: Ctx, account: string): Promise<number | undefined> {
  return (await item(ctx, `ACCOUNT#${account}`))?.balance as number | undefined;
}

/** Fails unless every write the learner sent was a TransactWriteItems; returns those. */
function onlyTransactions(ctx: Ctx, fn: string, why: string): DynamoOperation[] {
  const ops = ctx.dynamodb!.operations();
  const plain = ops.filter((o) => PLAIN_WRITES.has(o.operation));
  if (plain.length > 0)
    ctx.fail(
      `${fn} sent ${plain.map((o) => o.operation).join(' + ')} instead of one TransactWriteItems. ${why} ` +
        'Put both writes into one TransactWriteCommand: DynamoDB then applies all of them or none.',
    );
  const tx = ops.filter((o) => o.operation === 'TransactWriteItems');
  ctx.assert(tx.length > 0, `${fn} sent no TransactWriteItems request at all (requests seen: ${ops.map((o) => o.operation).join(', ') || 'none'}).`);
  return tx;
}

export default defineChecks<typeof import('./solution.ts')>([
  {
    task: 'transfer',
    name: 'transfer moves money from one account to another in one TransactWriteItems',
    async run(ctx: Ctx) {
      const [a0, b0] = [await balance(ctx, 'alice'), await balance(ctx, 'bob')];
      const result = await ctx.learner.transfer({ transferId: transferId('T-100'), from: 'alice', to: 'bob', amount: 30 });
      ctx.assert(result?.ok === true, `transfer of 30 from alice (balance ${a0}) to bob should return { ok: true }, got ${show(result)}.`);
      const [a1, b1] = [await balance(ctx, 'alice'), await balance(ctx, 'bob')];
      ctx.assert(a1 === a0! - 30 && b1 === b0! + 30, `After transferring 30, alice should have ${a0! - 30} and bob ${b0! + 30}; they have ${a1} and ${b1}.`);
      onlyTransactions(ctx, 'transfer', 'Two requests can half-succeed: the debit commits, then the credit fails (or the process dies), and 30 vanish.');
    },
  },
  {
    task: 'refuse',
    name: 'a transfer to an unknown account changes nothing and reports no-such-account',
    async run(ctx: Ctx) {
      const a0 = await balance(ctx, 'alice');
      const result = await ctx.learner.transfer({ transferId: transferId('T-101'), from: 'alice', to: 'zed', amount: 10 });
      const ghost = await item(ctx, 'ACCOUNT#zed');
      ctx.assert(
        !ghost,
        `transfer to the unknown account "zed" created ACCOUNT#zed (${show(ghost)}). Update is an upsert: on a missing key it creates the item (ADD balance :amt then founds an account holding the money). ` +
          "Give the credit ConditionExpression: 'attribute_exists(PK)' so the transaction is cancelled instead.",
      );
      const a1 = await balance(ctx, 'alice');
      ctx.assert(a1 === a0, `transfer to an unknown account changed alice's balance from ${a0} to ${a1}; a refused transfer must change nothing.`);
      ctx.assert(
        result?.ok === false && result.reason === 'no-such-account',
        `transfer to an unknown account should return { ok: false, reason: 'no-such-account' }, got ${show(result)}. ` +
          "The credit is the second action, so CancellationReasons[1].Code is 'ConditionalCheckFailed'.",
      );
    },
  },
  {
    task: 'refuse',
    name: 'an overdraft is refused with insufficient-funds, an unknown source with no-such-account',
    async run(ctx: Ctx) {
      const [c0, b0] = [await balance(ctx, 'carol'), await balance(ctx, 'bob')];
      const amount = c0! + 30;
      const result = await ctx.learner.transfer({ transferId: transferId('T-102'), from: 'carol', to: 'bob', amount });
      const [c1, b1] = [await balance(ctx, 'carol'), await balance(ctx, 'bob')];
      ctx.assert(
        c1 === c0 && b1 === b0,
        `transfer of ${amount} from carol (balance ${c0}) went through: carol now has ${c1}, bob ${b1}. ` +
          "Nothing stops a balance going negative unless the debit's ConditionExpression says so: 'attribute_exists(PK) AND balance >= :amt'.",
      );
      ctx.assert(
        result?.ok === false && result.reason === 'insufficient-funds',
        `An overdraft should return { ok: false, reason: 'insufficient-funds' }, got ${show(result)}. The debit is the first action: CancellationReasons[0].Code is 'ConditionalCheckFailed'.`,
      );
      const unknown = await ctx.learner.transfer({ transferId: transferId('T-103'), from: 'nobody', to: 'bob', amount: 5 });
      ctx.assert(!(await item(ctx, 'ACCOUNT#nobody')), 'transfer from the unknown account "nobody" created ACCOUNT#nobody: the debit needs attribute_exists(PK) too.');
      ctx.assert(
        unknown?.ok === false && unknown.reason === 'no-such-account',
        `transfer from an account that does not exist should return { ok: false, reason: 'no-such-account' }, got ${show(unknown)}. ` +
          "Both cases fail the debit's condition; ReturnValuesOnConditionCheckFailure: 'ALL_OLD' tells them apart: CancellationReasons[0].Item is the account as it was, and absent when there is no account.",
      );
    },
  },
  {
    task: 'idempotent',
    name: 'a replayed transfer (same transferId) moves the money once and reports success both times',
    async run(ctx: Ctx) {
      const [d0, e0] = [await balance(ctx, 'dave'), await balance(ctx, 'erin')];
      const t = { transferId: transferId('T-104'), from: 'dave', to: 'erin', amount: 25 };
      // The client's retry after a lost response: the same transfer, sent again.
      const first = await ctx.learner.transfer(t);
      const replay = await ctx.learner.transfer(t);
      const [d1, e1] = [await balance(ctx, 'dave'), await balance(ctx, 'erin')];
      const tokens = ctx.dynamodb!.operations()
        .filter((o) => o.operation === 'TransactWriteItems')
        .map((o) => o.request.ClientRequestToken);
      if (d1 === d0! - 50 && tokens.length === 0)
        ctx.fail(
          `Sending transfer ${t.transferId} twice moved the money twice (dave ${d0} → ${d1}), with no TransactWriteItems at all. ` +
            'Plain writes carry no ClientRequestToken, so nothing can recognise the second call as a replay: send one TransactWriteCommand with ClientRequestToken: t.transferId.',
        );
      if (d1 === d0! - 50)
        ctx.fail(
          `Sending transfer ${t.transferId} twice moved the money twice (dave ${d0} → ${d1}). The two TransactWriteItems requests carried ClientRequestTokens ${show(tokens)}. ` +
            'A different token per call makes every retry a new transfer (the SDK picks a random one per send() when you pass none): use ClientRequestToken: t.transferId.',
        );
      ctx.assert(d1 === d0! - 25 && e1 === e0! + 25, `After transfer ${t.transferId} (25 from dave to erin), sent twice, dave should have ${d0! - 25} and erin ${e0! + 25}; they have ${d1} and ${e1}.`);
      ctx.assert(first?.ok === true, `The first transfer ${t.transferId} should return { ok: true }, got ${show(first)}.`);
      ctx.assert(
        replay?.ok === true,
        `The replay of transfer ${t.transferId}, which had already succeeded, should return { ok: true } too (the client is retrying a success), got ${show(replay)}.`,
      );
    },
  },
  {
    task: 'unique-email',
    name: 'registerUser refuses a second user with the same email, in one TransactWriteItems',
    async run(ctx: Ctx) {
      const ada = await ctx.learner.registerUser({ userId: 'u1', email: 'ada@example.com', name: 'Ada' });
      ctx.assert(ada?.ok === true, `registerUser({ userId: 'u1', email: 'ada@example.com' }) on an empty user list should return { ok: true }, got ${show(ada)}.`);
      ctx.assert(!!(await item(ctx, 'USER#u1')), 'After registering u1 there is no item USER#u1.');
      const copy = await ctx.learner.registerUser({ userId: 'u2', email: 'ada@example.com', name: 'Not Ada' });
      const u2 = await item(ctx, 'USER#u2');
      ctx.assert(
        !u2,
        `A second user with ada@example.com was created (USER#u2 = ${show(u2)}). DynamoDB only enforces uniqueness on primary keys: ` +
          "write a marker item { PK: 'EMAIL#<email>' } with attribute_not_exists(PK) in the same transaction as the user.",
      );
      ctx.assert(copy?.ok === false && copy.reason === 'email-taken', `registerUser with a taken email should return { ok: false, reason: 'email-taken' }, got ${show(copy)}.`);
      onlyTransactions(ctx, 'registerUser', 'The user and its email marker must be written together, or a failure between them leaves one without the other.');
    },
  },
  {
    task: 'unique-email',
    name: 'a refused registration leaves no email marker behind',
    async run(ctx: Ctx) {
      // u1 exists (previous check): registering u1 again with a new email must fail on the user…
      const again = await ctx.learner.registerUser({ userId: 'u1', email: 'grace@example.com', name: 'Grace' });
      const { Items = [] } = await ctx.dynamodb!.doc.send(new ScanCommand({ TableName: TABLE, ConsistentRead: true }));
      const leftover = Items.find((i) => String(i.PK).toLowerCase().includes('grace@example.com'));
      ctx.assert(
        !leftover,
        `registerUser for the existing user id u1 was refused but left ${show(leftover)} behind: grace@example.com is now reserved by nobody. ` +
          'Write the user and the marker in one TransactWriteItems so a failed registration writes neither.',
      );
      ctx.assert(again?.ok === false && again.reason === 'user-exists', `registerUser with an existing userId should return { ok: false, reason: 'user-exists' }, got ${show(again)}.`);
    },
  },
]);

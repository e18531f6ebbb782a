// The Products table (partition key category, sort key sku) with a few products. Chapter 19.4.
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { defineFixture } from '../../engine/contracts/checks.ts';

export const TABLE = 'Products';
export const PRODUCTS = [
  { category: 'mugs', sku: 'MUG-1', name: 'Mug', price: 1250 },
  { category: 'mugs', sku: 'MUG-2', name: 'Tall mug', price: 1450 },
  { category: 'pens', sku: 'PEN-1', name: 'Pen', price: 300 },
];

export default defineFixture(async (ctx) => {
  const { client, doc } = ctx.dynamodb!;
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [
        { AttributeName: 'category', AttributeType: 'S' },
        { AttributeName: 'sku', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'category', KeyType: 'HASH' },
        { AttributeName: 'sku', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  for (const p of PRODUCTS) await doc.send(new PutCommand({ TableName: TABLE, Item: p }));
});

import { Decimal128, MongoClient, ObjectId } from 'mongodb';

const client = new MongoClient(process.env.MONGODB_URI!);
const db = client.db();

export async function add(name: string, price: string): Promise<{ _id: ObjectId; name: string; price: Decimal128; at: Date }> {
  const doc = { _id: new ObjectId(), name, price: Decimal128.fromString(price), at: new Date('2024-01-02T03:04:05Z') };
  await db.collection('items').insertOne(doc);
  return doc;
}

export async function find(id: ObjectId): Promise<unknown> {
  return db.collection('items').findOne({ _id: id });
}

export function dbName(): string {
  return db.databaseName;
}

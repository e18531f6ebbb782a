// The shape of the lab's stand-in database, shared by the fixture and the checks (the learner's
// file has its own copy of the key names: it may not import files). Rows are JSON in one hash;
// every call of the starter's loadProduct() INCRs db:loads, which is how the checks count loads.
import type { RedisClientType } from 'redis';

export const DB_PRODUCTS = 'db:products';
export const DB_LOADS = 'db:loads';

export interface Product {
  id: string;
  name: string;
  price: number;
}

/** 40 products, p1 … p40, with prices that differ per product. */
export function seedProducts(): Product[] {
  return Array.from({ length: 40 }, (_, i) => ({ id: `p${i + 1}`, name: `Product ${i + 1}`, price: 990 + (i + 1) * 10 }));
}

/** How many times loadProduct has run since the fixture. */
export async function loads(redis: RedisClientType): Promise<number> {
  return Number((await redis.get(DB_LOADS)) ?? 0);
}

/** The row the database holds for `id`, or null. */
export async function row(redis: RedisClientType, id: string): Promise<Product | null> {
  const json = await redis.hGet(DB_PRODUCTS, id);
  return json === null ? null : (JSON.parse(json) as Product);
}

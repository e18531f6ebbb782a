// Wire types shared by the server's layers (transport, validation, actions, storage,
// expressions, streams). They mirror DynamoDB's JSON protocol exactly, see
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html
// Binary values travel base64-encoded on the wire and stay that way in memory.

/** One attribute value in wire JSON form: exactly one key is set. */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { M: Record<string, AttributeValue> }
  | { L: AttributeValue[] }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] };

/** The type descriptor of an attribute value (the one key it holds). */
export type AttributeType = 'S' | 'N' | 'B' | 'BOOL' | 'NULL' | 'M' | 'L' | 'SS' | 'NS' | 'BS';

/** Scalar types allowed for key attributes (ScalarAttributeType). */
export type ScalarAttributeType = 'S' | 'N' | 'B';

/** An item: attribute name → value. */
export type Item = Record<string, AttributeValue>;

/** A primary key (or index key): only the key attributes of an item. */
export type Key = Record<string, AttributeValue>;

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_KeySchemaElement.html */
export interface KeySchemaElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

export type KeySchema = KeySchemaElement[];

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeDefinition.html */
export interface AttributeDefinition {
  AttributeName: string;
  AttributeType: ScalarAttributeType;
}

/** Hash (partition) and optional range (sort) attribute names, the shape expressions use. */
export interface KeyNames {
  hash: string;
  range?: string;
}

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Projection.html */
export interface IndexProjection {
  ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  NonKeyAttributes?: string[];
}

export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

export type BillingMode = 'PROVISIONED' | 'PAY_PER_REQUEST';

export type ReturnValues = 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';

/** Every DynamoDB_20120810 operation the server answers. */
export const OPERATIONS = [
  'BatchExecuteStatement',
  'BatchGetItem',
  'BatchWriteItem',
  'CreateTable',
  'DeleteItem',
  'DeleteTable',
  'DescribeEndpoints',
  'DescribeLimits',
  'DescribeTable',
  'DescribeTimeToLive',
  'ExecuteStatement',
  'ExecuteTransaction',
  'GetItem',
  'ListTables',
  'ListTagsOfResource',
  'PutItem',
  'Query',
  'Scan',
  'TagResource',
  'TransactGetItems',
  'TransactWriteItems',
  'UntagResource',
  'UpdateItem',
  'UpdateTable',
  'UpdateTimeToLive',
] as const;

export type Operation = (typeof OPERATIONS)[number];

/** The type descriptor of an attribute value (its single key). */
export function attributeType(v: AttributeValue): AttributeType {
  return Object.keys(v)[0] as AttributeType;
}

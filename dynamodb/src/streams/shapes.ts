// Request shapes of the DynamoDB Streams API, with the constraints of its API reference:
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB_Streams.html

import type { Shape } from '../validation/schema.ts';

export const STREAM_ARN: Shape = { type: 'String', notNull: true, minLen: 37, maxLen: 1024 };
export const OPTIONAL_STREAM_ARN: Shape = { type: 'String', minLen: 37, maxLen: 1024 };
export const SHARD_ID: Shape = { type: 'String', notNull: true, minLen: 28, maxLen: 65 };
export const OPTIONAL_SHARD_ID: Shape = { type: 'String', minLen: 28, maxLen: 65 };
export const SEQUENCE_NUMBER: Shape = { type: 'String', minLen: 21, maxLen: 40 };
export const ITERATOR_TYPE: Shape = {
  type: 'String',
  notNull: true,
  enum: ['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'],
};
export const SHARD_ITERATOR: Shape = { type: 'String', notNull: true, minLen: 1, maxLen: 2048 };

/** Stream ARNs as DynamoDB issues them: `<table ARN>/stream/<label>`. */
export const STREAM_ARN_FORMAT = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[a-zA-Z0-9_.-]{3,255}\/stream\/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/;

// Field shapes shared by several operations' validations (see schema.ts for the engine).

import type { Shape } from './schema.ts';

export const TABLE_NAME: Shape = { type: 'String', notNull: true, minLen: 3, maxLen: 255, regex: '[a-zA-Z0-9_.-]+' };
export const OPTIONAL_TABLE_NAME: Shape = { type: 'String', minLen: 3, maxLen: 255, regex: '[a-zA-Z0-9_.-]+' };
export const INDEX_NAME: Shape = { type: 'String', minLen: 3, maxLen: 255, regex: '[a-zA-Z0-9_.-]+' };
export const ITEM: Shape = { type: 'Map', value: { type: 'AttrValue' } };
export const KEY: Shape = { type: 'Map', value: { type: 'AttrValue' } };
export const ATTR_NAMES: Shape = { type: 'Map', value: { type: 'String' } };
export const ATTR_VALUES: Shape = { type: 'Map', value: { type: 'AttrValue' } };
export const SELECT: Shape = { type: 'String', enum: ['SPECIFIC_ATTRIBUTES', 'COUNT', 'ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES'] };
export const RETURN_CONSUMED: Shape = { type: 'String', enum: ['INDEXES', 'TOTAL', 'NONE'] };
export const RETURN_METRICS: Shape = { type: 'String', enum: ['SIZE', 'NONE'] };
export const RETURN_VALUES: Shape = { type: 'String', enum: ['ALL_NEW', 'UPDATED_OLD', 'ALL_OLD', 'NONE', 'UPDATED_NEW'] };
export const RETURN_ON_FAILURE: Shape = { type: 'String', enum: ['ALL_OLD', 'NONE'] };
export const ATTRIBUTES_TO_GET: Shape = { type: 'List', minLen: 1, member: { type: 'String' } };
const COMPARISON_OPERATORS = ['IN', 'NULL', 'BETWEEN', 'LT', 'NOT_CONTAINS', 'EQ', 'GT', 'NOT_NULL', 'NE', 'LE', 'BEGINS_WITH', 'GE', 'CONTAINS'];
export const CONDITIONAL_OPERATOR: Shape = { type: 'String', enum: ['OR', 'AND'] };
export const EXPECTED: Shape = {
  type: 'Map',
  value: {
    type: 'Struct',
    name: 'ExpectedAttributeValue',
    fields: {
      AttributeValueList: { type: 'List', member: { type: 'AttrValue' } },
      ComparisonOperator: { type: 'String', enum: COMPARISON_OPERATORS },
      Exists: { type: 'Boolean' },
      Value: { type: 'AttrValue' },
    },
  },
};
/** QueryFilter / ScanFilter. */
export const CONDITIONS: Shape = {
  type: 'Map',
  value: {
    type: 'Struct',
    name: 'Condition',
    fields: {
      AttributeValueList: { type: 'List', member: { type: 'AttrValue' } },
      ComparisonOperator: { type: 'String', notNull: true, enum: COMPARISON_OPERATORS },
    },
  },
};
/** KeyConditions lists the operator first. */
export const KEY_CONDITIONS: Shape = {
  type: 'Map',
  value: {
    type: 'Struct',
    name: 'Condition',
    fields: {
      ComparisonOperator: { type: 'String', notNull: true, enum: COMPARISON_OPERATORS },
      AttributeValueList: { type: 'List', member: { type: 'AttrValue' } },
    },
  },
};
export const KEY_SCHEMA: Shape = {
  type: 'List',
  notNull: true,
  minLen: 1,
  maxLen: 2,
  member: {
    type: 'Struct',
    name: 'KeySchemaElement',
    fields: {
      AttributeName: { type: 'String', notNull: true, minLen: 1, maxLen: 255 },
      KeyType: { type: 'String', notNull: true, enum: ['HASH', 'RANGE'] },
    },
  },
};
export const PROJECTION: Shape = {
  type: 'Struct',
  name: 'Projection',
  notNull: true,
  fields: {
    ProjectionType: { type: 'String', enum: ['ALL', 'INCLUDE', 'KEYS_ONLY'] },
    NonKeyAttributes: { type: 'List', minLen: 1, maxLen: 20, member: { type: 'String' } },
  },
};
export const THROUGHPUT: Shape = {
  type: 'Struct',
  name: 'ProvisionedThroughput',
  fields: {
    WriteCapacityUnits: { type: 'Long', notNull: true, min: 1 },
    ReadCapacityUnits: { type: 'Long', notNull: true, min: 1 },
  },
};
export const STREAM_SPEC: Shape = {
  type: 'Struct',
  name: 'StreamSpecification',
  fields: {
    StreamEnabled: { type: 'Boolean', notNull: true },
    StreamViewType: { type: 'String', enum: ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'] },
  },
};
export const TAGS: Shape = {
  type: 'List',
  member: {
    type: 'Struct',
    name: 'Tag',
    fields: {
      Key: { type: 'String', notNull: true, minLen: 1, maxLen: 128 },
      Value: { type: 'String', notNull: true, minLen: 0, maxLen: 256 },
    },
  },
};

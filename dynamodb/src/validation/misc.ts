// Small request shapes: table-name-only operations, tags, TTL, ListTables.
// Tag rules per https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TagResource.html,
// messages as recorded in dynalite's validations/tagResource.js.

import { validation } from '../errors.ts';
import { OPTIONAL_TABLE_NAME, TABLE_NAME, TAGS, validateShape } from './schema.ts';

const ARN = /^arn:aws:dynamodb:.+:\d+:table\/[^/]{2}[^/]+$/;

export const validateTableName = (body: Record<string, unknown>) => validateShape<{ TableName: string }>(body, { TableName: TABLE_NAME });

export const validateNothing = (body: Record<string, unknown>) => validateShape<Record<string, never>>(body, {});

export function validateListTables(body: Record<string, unknown>) {
  return validateShape<{ Limit?: number; ExclusiveStartTableName?: string }>(body, {
    ExclusiveStartTableName: OPTIONAL_TABLE_NAME,
    Limit: { type: 'Integer', min: 1, max: 100 },
  });
}

function checkArn(arn: string | undefined): string {
  if (arn === undefined) throw validation('Invalid TableArn');
  if (!ARN.test(arn)) throw validation(`Invalid TableArn: Invalid ResourceArn provided as input ${arn}`);
  return arn;
}

export function validateTagResource(body: Record<string, unknown>) {
  const d = validateShape<{ ResourceArn: string; Tags: Array<{ Key: string; Value: string }> }>(body, {
    ResourceArn: { type: 'String' },
    Tags: { ...TAGS, notNull: true },
  });
  checkArn(d.ResourceArn);
  if (!d.Tags.length) throw validation('Atleast one Tag needs to be provided as Input.');
  return d;
}

export function validateUntagResource(body: Record<string, unknown>) {
  const d = validateShape<{ ResourceArn: string; TagKeys: string[] }>(body, {
    ResourceArn: { type: 'String' },
    TagKeys: { type: 'List', notNull: true, member: { type: 'String' } },
  });
  checkArn(d.ResourceArn);
  if (!d.TagKeys.length) throw validation('Atleast one Tag Key needs to be provided as Input.');
  return d;
}

export function validateListTags(body: Record<string, unknown>) {
  const d = validateShape<{ ResourceArn: string; NextToken?: string }>(body, {
    ResourceArn: { type: 'String' },
    NextToken: { type: 'String' },
  });
  checkArn(d.ResourceArn);
  return d;
}

export function validateUpdateTtl(body: Record<string, unknown>) {
  return validateShape<{ TableName: string; TimeToLiveSpecification: { Enabled: boolean; AttributeName: string } }>(body, {
    TableName: TABLE_NAME,
    TimeToLiveSpecification: {
      type: 'Struct',
      name: 'TimeToLiveSpecification',
      notNull: true,
      fields: {
        Enabled: { type: 'Boolean', notNull: true },
        AttributeName: { type: 'String', notNull: true, minLen: 1, maxLen: 255 },
      },
    },
  });
}

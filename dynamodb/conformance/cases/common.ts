// Expectations shared by the item operations: the TableName constraints and the attribute value
// checks DynamoDB runs before it looks the table up (dynalite records the same messages in
// putItem.js, getItem.js, updateItem.js, batchWriteItem.js; we cite the file per operation).

export const LONG_NAME = 'a'.repeat(256);

const nameErrors = (value: string) => [
  `Value '${value}' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`,
  `Value '${value}' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3`,
];

/** "N validation error(s) detected: a; b; c" as AWS's front end words it. */
export function detected(errors: string[]): string {
  return `${errors.length} validation error${errors.length > 1 ? 's' : ''} detected: ${errors.join('; ')}`;
}

export const notNull = (path: string) => `Value null at '${path}' failed to satisfy constraint: Member must not be null`;

/** The three TableName cases (empty, short with a bad character, too long) plus the other required members. */
export function tableNameCases(required: string[]) {
  return [
    { what: 'empty TableName', input: { TableName: '' }, message: detected([...nameErrors(''), ...required.map(notNull)]) },
    { what: 'short TableName', input: { TableName: 'a;' }, message: detected([...nameErrors('a;'), ...required.map(notNull)]) },
    {
      what: 'long TableName',
      input: { TableName: LONG_NAME },
      message: detected([
        `Value '${LONG_NAME}' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255`,
        ...required.map(notNull),
      ]),
    },
  ];
}

/** Number limits: 38 significant digits, magnitude 1e-130 .. 9.99e125 (AWS: HowItWorks.NamingRulesDataTypes, Number). */
export const NUMBER_CASES: Array<[string, string]> = [
  ['123456789012345678901234567890123456789', 'Attempting to store more than 38 significant digits in a Number'],
  ['-1.23456789012345678901234567890123456789', 'Attempting to store more than 38 significant digits in a Number'],
  ['1e126', 'Number overflow. Attempting to store a number with magnitude larger than supported range'],
  ['-1e126', 'Number overflow. Attempting to store a number with magnitude larger than supported range'],
  ['1e-131', 'Number underflow. Attempting to store a number with magnitude smaller than supported range'],
  ['-1e-131', 'Number underflow. Attempting to store a number with magnitude smaller than supported range'],
  ['', 'The parameter cannot be converted to a numeric value'],
  ['b', 'The parameter cannot be converted to a numeric value: b'],
];

export const EMPTY_VALUE = 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
export const MULTIPLE_TYPES = 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes';

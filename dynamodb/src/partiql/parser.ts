// Statements of DynamoDB's PartiQL subset:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.statements.html
//
//   SELECT * | path, …  FROM "table"[."index"] [WHERE cond] [ORDER BY key [ASC|DESC], …]
//   INSERT INTO "table" VALUE {…}
//   UPDATE "table" (SET path = data | REMOVE path)[, …]… WHERE cond [RETURNING (ALL|MODIFIED) (OLD|NEW) *]
//   DELETE FROM "table" WHERE cond [RETURNING ALL OLD *]
//   EXISTS(SELECT * FROM "table" WHERE cond)        (ExecuteTransaction only)
//
// Values are bound while parsing: each `?` takes the next of the request's Parameters.

import { validation } from '../errors.ts';
import type { Condition } from '../expressions/index.ts';
import type { AttributeValue, Item, ReturnValues } from '../types.ts';
import { ConditionParser, parseName, parsePath } from './conditions.ts';
import { deleteReturning, malformed, RETURNING_IN_INSERT, STAR_AND_OTHERS, unsupported } from './errors.ts';
import { Tokens } from './lexer.ts';
import { checkColumns, column, type Column } from './projection.ts';
import { parseRemoveClause, parseSetClause, type PartiqlUpdate } from './update-clauses.ts';
import { parseValue, Params } from './values.ts';

/** SQL clauses DynamoDB's subset does not have (LIMIT is the request's Limit parameter). */
const UNSUPPORTED_CLAUSES = new Set(['LIMIT', 'OFFSET', 'GROUP', 'HAVING', 'JOIN', 'INNER', 'LEFT', 'UNION']);

export interface Target {
  table: string;
  index?: string;
}

export interface SelectStatement extends Target {
  kind: 'select';
  /** The SELECT list; undefined for `*`. */
  projection?: Column[];
  where?: Condition;
  orderBy: Array<{ name: string; desc: boolean }>;
}

export interface InsertStatement extends Target {
  kind: 'insert';
  item: Item;
}

export interface UpdateStatement extends Target {
  kind: 'update';
  update: PartiqlUpdate;
  where: Condition;
  returning: ReturnValues;
}

export interface DeleteStatement extends Target {
  kind: 'delete';
  where: Condition;
  returning: ReturnValues;
}

/** EXISTS(SELECT …): a condition check inside ExecuteTransaction. */
export interface ExistsStatement extends Target {
  kind: 'exists';
  where?: Condition;
}

export type Statement = SelectStatement | InsertStatement | UpdateStatement | DeleteStatement | ExistsStatement;

const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;

function parseTarget(ts: Tokens): Target {
  const table = parseName(ts);
  if (!TABLE_NAME.test(table)) {
    throw validation("Table name should be within the length [3, 255] and only contain 'a-z', 'A-Z', '0-9', '-', '_', '.'.");
  }
  if (!ts.acceptPunct('.')) return { table };
  const index = parseName(ts);
  if (ts.isPunct('.')) throw validation('A path may contain at most 2 components in the FROM clause');
  return { table, index };
}

function parseWhere(ts: Tokens, params: Params): Condition | undefined {
  return ts.acceptWord('WHERE') ? new ConditionParser(ts, params).parse() : undefined;
}

function parseSelect(ts: Tokens, params: Params): SelectStatement {
  let projection: Column[] | undefined;
  if (ts.acceptPunct('*')) {
    if (ts.isPunct(',')) throw validation(STAR_AND_OTHERS);
  } else {
    projection = [];
    do {
      if (ts.isPunct('*')) throw validation(STAR_AND_OTHERS);
      if (ts.peek().kind === 'word' && ts.isPunct('(', 1)) throw unsupported(`function ${ts.peek().text} in a projection`);
      projection.push(column(parsePath(ts).elements, projection.length + 1));
    } while (ts.acceptPunct(','));
    checkColumns(projection);
  }
  ts.expectWord('FROM');
  const target = parseTarget(ts);
  if (ts.isPunct(',')) throw validation('Only select from a single table or index is supported.');
  const next = ts.peek().kind === 'word' ? ts.peek().text.toUpperCase() : '';
  if (UNSUPPORTED_CLAUSES.has(next)) throw validation(`Unsupported clause: ${next}`);
  if (next && next !== 'WHERE' && next !== 'ORDER') throw validation('Aliasing is not supported');
  const where = parseWhere(ts, params);
  const orderBy: SelectStatement['orderBy'] = [];
  if (ts.acceptWord('ORDER')) {
    ts.expectWord('BY');
    do {
      const name = parseName(ts);
      const desc = ts.acceptWord('DESC');
      if (!desc) ts.acceptWord('ASC');
      orderBy.push({ name, desc });
    } while (ts.acceptPunct(','));
  }
  return { kind: 'select', ...target, projection, where, orderBy };
}

function parseInsert(ts: Tokens, params: Params): InsertStatement {
  ts.expectWord('INTO');
  const target = parseTarget(ts);
  if (ts.isWord('VALUES') || ts.isPunct('(')) {
    throw unsupported('Inserting multiple items in a single statement is not supported, use "INSERT INTO tableName VALUE item" instead');
  }
  ts.expectWord('VALUE');
  if (!ts.isPunct('{') && ts.peek().kind !== 'param') {
    throw validation('Unsupported format in item expression. Please use struct format {...} to express item values for insert statement.');
  }
  const v = parseValue(ts, params);
  if (!('M' in v)) throw validation('Unsupported format in item expression. Please use struct format {...} to express item values for insert statement.');
  if (ts.isWord('RETURNING')) throw validation(RETURNING_IN_INSERT);
  return { kind: 'insert', ...target, item: v.M };
}

/** RETURNING (ALL | MODIFIED) (OLD | NEW) * as the ReturnValues of the underlying write. */
function parseReturning(ts: Tokens): ReturnValues {
  if (!ts.acceptWord('RETURNING')) return 'NONE';
  const scope = ts.next().text.toUpperCase();
  const age = ts.next().text.toUpperCase();
  if (!['ALL', 'MODIFIED'].includes(scope) || !['OLD', 'NEW'].includes(age)) throw ts.unexpected('expected (ALL | MODIFIED) (OLD | NEW) *');
  if (!ts.acceptPunct('*')) throw validation("Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
  if (ts.isPunct(',')) throw validation('Invalid syntax with multiple returning elements in RETURNING clause');
  return `${scope === 'ALL' ? 'ALL' : 'UPDATED'}_${age}` as ReturnValues;
}

function parseUpdate(ts: Tokens, params: Params): UpdateStatement {
  const target = parseTarget(ts);
  const update: PartiqlUpdate = { actions: [] };
  for (;;) {
    if (ts.acceptWord('SET')) parseSetClause(ts, params, update);
    else if (ts.acceptWord('REMOVE')) parseRemoveClause(ts, update);
    else break;
  }
  if (!update.actions.length) throw ts.unexpected('expected SET or REMOVE');
  const where = parseWhere(ts, params);
  if (!where) throw validation('Where clause does not contain a mandatory equality on all key attributes');
  return { kind: 'update', ...target, update, where, returning: parseReturning(ts) };
}

function parseDelete(ts: Tokens, params: Params): DeleteStatement {
  ts.expectWord('FROM');
  const target = parseTarget(ts);
  const where = parseWhere(ts, params);
  if (!where) throw validation('Where clause does not contain a mandatory equality on all key attributes');
  const returning = parseReturning(ts);
  if (returning !== 'NONE' && returning !== 'ALL_OLD') throw deleteReturning(returning.replace('UPDATED', 'MODIFIED').replace('_', ' ') + ' *');
  return { kind: 'delete', ...target, where, returning };
}

function parseExists(ts: Tokens, params: Params): ExistsStatement {
  ts.expectPunct('(');
  ts.expectWord('SELECT');
  const select = parseSelect(ts, params);
  ts.expectPunct(')');
  return { kind: 'exists', table: select.table, index: select.index, where: select.where };
}

/** Parses one statement and binds its parameters; throws DynamoDB's ValidationException. */
export function parseStatement(text: string, parameters?: AttributeValue[]): Statement {
  const ts = new Tokens(text);
  const params = new Params(parameters);
  const first = ts.next();
  const word = first.kind === 'word' ? first.text.toUpperCase() : '';
  let statement: Statement;
  if (word === 'SELECT') statement = parseSelect(ts, params);
  else if (word === 'INSERT') statement = parseInsert(ts, params);
  else if (word === 'UPDATE') statement = parseUpdate(ts, params);
  else if (word === 'DELETE') statement = parseDelete(ts, params);
  else if (word === 'EXISTS') statement = parseExists(ts, params);
  else if (first.kind === 'eof') throw malformed('Unexpected end of statement');
  else throw malformed(`Expected data manipulation`);
  ts.acceptPunct(';');
  if (ts.peek().kind !== 'eof') {
    if (['SELECT', 'INSERT', 'UPDATE', 'DELETE'].includes(ts.peek().text.toUpperCase())) throw validation('Only one operation is allowed in a statement.');
    throw ts.unexpected();
  }
  params.assertAllUsed();
  return statement;
}

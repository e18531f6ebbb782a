// ExpressionAttributeNames / ExpressionAttributeValues of one request, shared by all of its
// expressions so that "unused" can be judged across them, as DynamoDB does:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeValues.html
// Messages as DynamoDB answers them (recorded in dynalite's validations/index.js).

import { invalidExpression, validation } from '../errors.ts';
import type { AttributeValue } from '../types.ts';

const NAME_KEY = /^#[0-9a-zA-Z_]+$/;
const VALUE_KEY = /^:[0-9a-zA-Z_]+$/;

export class ExprContext {
  readonly names: Record<string, string>;
  readonly values: Record<string, AttributeValue>;
  private readonly unusedNames: Set<string>;
  private readonly unusedValues: Set<string>;

  /** Throws a ValidationException for an empty map or a malformed placeholder key. */
  constructor(names?: Record<string, string>, values?: Record<string, AttributeValue>) {
    if (names) {
      if (!Object.keys(names).length) throw validation('ExpressionAttributeNames must not be empty');
      for (const key of Object.keys(names)) {
        if (!NAME_KEY.test(key)) throw validation(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${key}"`);
      }
    }
    if (values) {
      if (!Object.keys(values).length) throw validation('ExpressionAttributeValues must not be empty');
      for (const key of Object.keys(values)) {
        if (!VALUE_KEY.test(key)) throw validation(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${key}"`);
      }
    }
    this.names = names ?? {};
    this.values = values ?? {};
    this.unusedNames = new Set(Object.keys(this.names));
    this.unusedValues = new Set(Object.keys(this.values));
  }

  /** Resolves `#n`, or undefined when it is not defined. Marks it used. */
  name(placeholder: string): string | undefined {
    if (!Object.hasOwn(this.names, placeholder)) return undefined;
    this.unusedNames.delete(placeholder);
    return this.names[placeholder];
  }

  /** Resolves `:v`, or undefined when it is not defined. Marks it used. */
  value(placeholder: string): AttributeValue | undefined {
    if (!Object.hasOwn(this.values, placeholder)) return undefined;
    this.unusedValues.delete(placeholder);
    return this.values[placeholder];
  }

  /** Call after parsing every expression of the request. */
  assertAllUsed(): void {
    if (this.unusedNames.size) {
      throw validation(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${[...this.unusedNames].join(', ')}}`);
    }
    if (this.unusedValues.size) {
      throw validation(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${[...this.unusedValues].join(', ')}}`);
    }
  }
}

/**
 * Semantic problems found while parsing. DynamoDB reports one of them, chosen by category
 * rather than by position, so the parser records the first of each category and
 * `throwFirst` picks by the order the expression language gives.
 */
export class Issues {
  private readonly first = new Map<string, string>();

  add(category: string, message: string): void {
    if (!this.first.has(category)) this.first.set(category, message);
  }

  has(category: string): boolean {
    return this.first.has(category);
  }

  /**
   * Fixes, once, the message of `category` to the first problem of `order` found so far.
   * DynamoDB judges some problems per condition: the first condition that has any of them
   * decides which is reported, even if a later condition has one earlier in `order`.
   */
  settle(category: string, order: readonly string[]): void {
    if (this.first.has(category)) return;
    const found = order.find((c) => this.first.has(c));
    if (found !== undefined) this.first.set(category, this.first.get(found)!);
  }

  throwFirst(kind: string, order: readonly string[]): void {
    for (const category of order) {
      const message = this.first.get(category);
      if (message !== undefined) throw invalidExpression(kind, message);
    }
  }
}

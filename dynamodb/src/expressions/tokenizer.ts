// The lexer shared by every expression language (condition, filter, key condition, update,
// projection). Grammar of the pieces:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.Attributes.html
// Tokens keep their source offsets because DynamoDB's syntax errors quote the source
// around the offending token ("Syntax error; token: \"x\", near: \"a x b\"").

import { invalidExpression } from '../errors.ts';

export type TokenKind =
  | 'name' // bare identifier: attribute name, function name or keyword (keywords are contextual)
  | 'attrName' // #placeholder
  | 'attrValue' // :placeholder
  | 'number' // digits, only meaningful as a list index
  | 'op' // = <> < <= > >= + -
  | 'punct' // ( ) [ ] . ,
  | 'unknown'; // any other character, or a lone # or :

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

const WORD = /[A-Za-z0-9_]/;
const MAX_EXPRESSION_BYTES = 4096;
const WHITESPACE = /[ \t\r\n]/;
const TWO_CHAR_OPS = new Set(['<>', '<=', '>=']);
const ONE_CHAR_OPS = new Set(['=', '<', '>', '+', '-']);
const PUNCT = new Set(['(', ')', '[', ']', '.', ',']);

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number) => {
    tokens.push({ kind, text: src.slice(i, end), start: i, end });
    i = end;
  };
  const wordEnd = (from: number) => {
    let j = from;
    while (j < src.length && WORD.test(src[j]!)) j++;
    return j;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (WHITESPACE.test(c)) {
      i++;
    } else if (c === '#' || c === ':') {
      const end = wordEnd(i + 1);
      push(end === i + 1 ? 'unknown' : c === '#' ? 'attrName' : 'attrValue', end);
    } else if (/[0-9]/.test(c)) {
      let j = i;
      while (j < src.length && /[0-9]/.test(src[j]!)) j++;
      push('number', j);
    } else if (/[A-Za-z]/.test(c)) {
      // A bare name starts with a letter; `_abc` is a syntax error at "_" in DynamoDB.
      push('name', wordEnd(i));
    } else if (TWO_CHAR_OPS.has(src.slice(i, i + 2))) {
      push('op', i + 2);
    } else if (ONE_CHAR_OPS.has(c)) {
      push('op', i + 1);
    } else if (PUNCT.has(c)) {
      push('punct', i + 1);
    } else {
      // One code point, so a stray emoji is reported whole.
      push('unknown', i + (c.codePointAt(0)! > 0xffff ? 2 : 1));
    }
  }
  return tokens;
}

/** A cursor over the tokens of one expression, with DynamoDB-style syntax errors. */
export class TokenStream {
  readonly src: string;
  readonly kind: string;
  readonly tokens: Token[];
  pos = 0;

  constructor(src: string, kind: string) {
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-expression-parameters
    const size = Buffer.byteLength(src, 'utf8');
    if (size > MAX_EXPRESSION_BYTES) {
      throw invalidExpression(kind, `Expression size has exceeded the maximum allowed size; expression size: ${size}`);
    }
    this.src = src;
    this.kind = kind;
    this.tokens = tokenize(src);
  }

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  next(): Token {
    const t = this.tokens[this.pos];
    if (!t) throw this.syntaxError();
    this.pos++;
    return t;
  }

  atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  /** True when the next token is `text` (keywords compare case-insensitively). */
  is(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    if (!t) return false;
    return t.kind === 'name' ? t.text.toUpperCase() === text.toUpperCase() : t.text === text;
  }

  /** Consumes `text` when it comes next. */
  accept(text: string): boolean {
    if (!this.is(text)) return false;
    this.pos++;
    return true;
  }

  expect(text: string): Token {
    if (!this.is(text)) throw this.syntaxError();
    return this.next();
  }

  /**
   * The error for the token at the cursor. DynamoDB quotes the offending token and the source
   * from the previous token to the next one, e.g. `token: ":", near: "hits : incr"`; at the end
   * of input the token is `<EOF>` and the window is the last token.
   */
  syntaxError(): Error {
    const t = this.tokens[this.pos];
    const prev = this.tokens[this.pos - 1];
    if (!t) {
      const near = prev ? this.src.slice(prev.start, prev.end) : '';
      return invalidExpression(this.kind, `Syntax error; token: "<EOF>", near: "${near}"`);
    }
    const next = this.tokens[this.pos + 1];
    const near = this.src.slice((prev ?? t).start, (next ?? t).end);
    return invalidExpression(this.kind, `Syntax error; token: "${t.text}", near: "${near}"`);
  }
}

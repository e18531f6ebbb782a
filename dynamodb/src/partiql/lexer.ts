// Tokens of DynamoDB's PartiQL subset: bare words (keywords and names, case-insensitive
// keywords), "quoted identifiers", 'strings' ('' escapes a quote), numbers, `?` parameters and
// punctuation including the bag brackets << >>. `--` and `/* */` comments are skipped, as
// DynamoDB does. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.html

import { malformed } from './errors.ts';

export interface Token {
  kind: 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct' | 'eof';
  text: string;
  /** Offset in the statement, for messages. */
  at: number;
}

const PUNCT2 = ['<<', '>>', '<=', '>=', '<>', '!=', '||'];
const PUNCT1 = new Set(['=', '<', '>', '*', ',', '.', '(', ')', '[', ']', '{', '}', ':', ';', '-', '+', '/', '%']);
const WORD_START = /[A-Za-z_$]/;
const WORD_PART = /[A-Za-z0-9_$]/;
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

/** Reads a quoted run starting at `i` (the opening quote); a doubled quote is one quote. */
function quoted(src: string, i: number, q: string): { text: string; end: number } {
  let text = '';
  let j = i + 1;
  for (;;) {
    if (j >= src.length) throw malformed(`Unterminated ${q === "'" ? 'string literal' : 'quoted identifier'} at position ${i}`);
    const c = src[j]!;
    if (c === q) {
      if (src[j + 1] === q) {
        text += q;
        j += 2;
        continue;
      }
      return { text, end: j + 1 };
    }
    text += c;
    j++;
  }
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (src.startsWith('--', i)) {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? src.length : nl + 1;
    } else if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw malformed('Unterminated comment');
      i = end + 2;
    } else if (c === "'" || c === '"') {
      const q = quoted(src, i, c);
      out.push({ kind: c === "'" ? 'string' : 'quoted', text: q.text, at: i });
      i = q.end;
    } else if (c === '?') {
      out.push({ kind: 'param', text: '?', at: i++ });
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = NUMBER.exec(src.slice(i))!;
      out.push({ kind: 'number', text: m[0], at: i });
      i += m[0].length;
    } else if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < src.length && WORD_PART.test(src[j]!)) j++;
      out.push({ kind: 'word', text: src.slice(i, j), at: i });
      i = j;
    } else {
      const two = src.slice(i, i + 2);
      if (PUNCT2.includes(two)) {
        out.push({ kind: 'punct', text: two, at: i });
        i += 2;
      } else if (PUNCT1.has(c)) {
        out.push({ kind: 'punct', text: c, at: i++ });
      } else {
        throw malformed(`Unexpected character '${c}' at position ${i}`);
      }
    }
  }
  out.push({ kind: 'eof', text: '<EOF>', at: src.length });
  return out;
}

/** A cursor over the tokens with the helpers the parsers share. */
export class Tokens {
  private readonly tokens: Token[];
  private pos = 0;
  /** `?` parameters seen so far, in order (their index in Parameters). */
  params = 0;

  constructor(src: string) {
    this.tokens = tokenize(src);
  }

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  /** Whether the token is the keyword `word` (case-insensitive bare word). */
  isWord(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'word' && t.text.toUpperCase() === word;
  }

  isPunct(p: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'punct' && t.text === p;
  }

  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.pos++;
    return true;
  }

  acceptPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.pos++;
    return true;
  }

  expectWord(word: string): void {
    if (!this.acceptWord(word)) throw this.unexpected(`expected ${word}`);
  }

  expectPunct(p: string): void {
    if (!this.acceptPunct(p)) throw this.unexpected(`expected '${p}'`);
  }

  /** The statement-wasn't-well-formed error for the current token. */
  unexpected(why?: string) {
    const t = this.peek();
    const what = t.kind === 'eof' ? 'Unexpected end of statement' : `Unexpected token '${t.text}' at position ${t.at}`;
    return malformed(why ? `${what}, ${why}` : what);
  }
}

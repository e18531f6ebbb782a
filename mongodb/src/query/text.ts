// Text search ($text with a text index): tokenising, light English stemming, stop words,
// phrases and negation, with a relevance score for { $meta: "textScore" }.
// https://www.mongodb.com/docs/manual/core/link-text-indexes/ — mongod uses Snowball stemmers and
// its own scoring; this keeps the same matching rules with a simpler stemmer and score.
import type { Document } from 'bson';
import { errors } from '../errors.ts';
import { pathValues } from '../storage/index-keys.ts';
import type { IndexSpec } from '../storage/index-store.ts';

const STOP = new Set('a about above after again against all am an and any are as at be because been before being below between both but by can did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with you your yours yourself yourselves'.split(' '));

/** Scores computed by the last $text scan, read by { $meta: "textScore" }. */
export const textScores = new WeakMap<object, number>();

export function stem(word: string): string {
  for (const [suffix, min] of [['ies', 4], ['ing', 5], ['edly', 6], ['ed', 4], ['es', 4], ['ly', 4], ['s', 3]] as const) {
    if (word.length >= min + suffix.length - 2 && word.endsWith(suffix) && !word.endsWith('ss')) {
      return suffix === 'ies' ? word.slice(0, -3) + 'y' : word.slice(0, -suffix.length);
    }
  }
  return word;
}

export function tokenize(text: string): string[] {
  return (text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP.has(w)).map(stem);
}

export interface TextSearch { terms: string[]; negated: string[]; phrases: string[] }

export function parseSearch(search: unknown): TextSearch {
  if (typeof search !== 'string') throw errors.typeMismatch('$search had the wrong type. Expected string');
  const phrases = [...search.matchAll(/"([^"]*)"/g)].map((m) => m[1].toLowerCase()).filter(Boolean);
  const rest = search.replace(/"[^"]*"/g, ' ');
  const words = rest.split(/\s+/).filter(Boolean);
  const negated = words.filter((w) => w.startsWith('-')).flatMap((w) => tokenize(w.slice(1)));
  const terms = words.filter((w) => !w.startsWith('-')).flatMap(tokenize);
  for (const p of phrases) terms.push(...tokenize(p));
  return { terms: [...new Set(terms)], negated, phrases };
}

function fieldTexts(doc: Document, spec: IndexSpec): Array<[string, number]> {
  const weights = (spec.weights ?? {}) as Record<string, number>;
  const out: Array<[string, number]> = [];
  const collect = (v: unknown, w: number) => {
    if (typeof v === 'string') out.push([v, w]);
    else if (Array.isArray(v)) v.forEach((x) => collect(x, w));
    else if (v && typeof v === 'object' && weights['$**'] !== undefined && Object.getPrototypeOf(v) === Object.prototype) Object.values(v).forEach((x) => collect(x, w));
  };
  for (const [field, w] of Object.entries(weights)) {
    if (field === '$**') Object.entries(doc).forEach(([k, v]) => k !== '_id' && collect(v, weights[k] ?? w));
    else {
      const { values, missing } = pathValues(doc, field.split('.'));
      if (!missing) values.forEach((v) => collect(v, w));
    }
  }
  return out;
}

/** 0 when `doc` doesn't match; otherwise a positive relevance score. */
export function textScore(doc: Document, spec: IndexSpec, q: TextSearch): number {
  const texts = fieldTexts(doc, spec);
  if (q.phrases.some((p) => !texts.some(([t]) => t.toLowerCase().includes(p)))) return 0;
  let score = 0;
  let negatedHit = false;
  for (const [text, weight] of texts) {
    const tokens = tokenize(text);
    if (q.negated.some((n) => tokens.includes(n))) negatedHit = true;
    for (const term of q.terms) {
      const freq = tokens.filter((t) => t === term).length;
      // Like mongod: more occurrences score higher, with diminishing returns in longer fields.
      if (freq) score += weight * (0.5 + freq / (2 * tokens.length)) * (1 + Math.log(freq));
    }
  }
  if (negatedHit) return 0;
  return score;
}

/** Splits a top-level $text clause (also inside $and) off a filter. */
export function extractText(filter: Document | undefined): { text?: Document; rest: Document | undefined } {
  if (!filter) return { rest: filter };
  if (filter.$text) {
    const { $text, ...rest } = filter;
    return { text: $text as Document, rest };
  }
  if (Array.isArray(filter.$and)) {
    const i = (filter.$and as Document[]).findIndex((c) => c && c.$text);
    if (i >= 0) {
      const and = [...(filter.$and as Document[])];
      const [clause] = and.splice(i, 1);
      const { $text, ...others } = clause;
      if (Object.keys(others).length) and.push(others);
      return { text: $text as Document, rest: { ...filter, $and: and.length ? and : [{}] } };
    }
  }
  return { rest: filter };
}

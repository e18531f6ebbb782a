// Per-operation collation (https://www.mongodb.com/docs/manual/reference/collation/) on top of
// ICU through Intl.Collator, which is the same library mongod uses. Supported where the mapping
// onto Intl is exact: locale, strength 1–3, caseLevel with strength 1, numericOrdering, caseFirst,
// alternate "shifted" with maxVariable "punct". Everything else (strength 4/5, backwards,
// caseLevel above strength 1, maxVariable "space", ICU keywords, collection/index/view default
// collations) is refused with NotImplemented rather than answered approximately.
import type { Document } from 'bson';
import { errors } from '../errors.ts';

export interface CollationSpec {
  locale: string;
  strength?: number;
  caseLevel?: boolean;
  caseFirst?: 'upper' | 'lower' | 'off';
  numericOrdering?: boolean;
  alternate?: 'non-ignorable' | 'shifted';
  maxVariable?: 'punct' | 'space';
  backwards?: boolean;
  normalization?: boolean;
}

const FIELDS: Record<string, string> = {
  locale: 'string', strength: 'number', caseLevel: 'boolean', caseFirst: 'string', numericOrdering: 'boolean',
  alternate: 'string', maxVariable: 'string', backwards: 'boolean', normalization: 'boolean',
};

const collators = new Map<string, Intl.Collator>();

/** undefined for no collation or the simple (binary) one; otherwise the validated spec. */
export function parseCollation(raw: unknown): CollationSpec | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw errors.typeMismatch("BSON field 'collation' is the wrong type, expected type 'object'");
  const c = raw as Document;
  for (const [k, v] of Object.entries(c)) {
    if (!(k in FIELDS)) throw errors.location(40415, `BSON field 'collation.${k}' is an unknown field.`);
    const t = typeof (v && typeof v === 'object' && 'valueOf' in v ? (v as { valueOf(): unknown }).valueOf() : v);
    if (t !== FIELDS[k]) throw errors.typeMismatch(`BSON field 'collation.${k}' is the wrong type '${t}', expected type '${FIELDS[k]}'`);
  }
  if (typeof c.locale !== 'string') throw errors.location(40414, "BSON field 'collation.locale' is missing but a required field");
  if (c.locale === 'simple') {
    if (Object.keys(c).length > 1) throw errors.badValue('If "locale" is set to "simple", then no other fields may be specified.');
    return undefined;
  }
  const spec: CollationSpec = { locale: c.locale, ...c, strength: Number(c.strength ?? 3) };
  if (![1, 2, 3, 4, 5].includes(spec.strength!)) throw errors.badValue(`collation strength must be an integer from 1 to 5, got ${c.strength}`);
  if (spec.caseFirst !== undefined && !['upper', 'lower', 'off'].includes(spec.caseFirst)) throw errors.failedToParse(`caseFirst must be "upper", "lower" or "off", got "${spec.caseFirst}"`);
  if (spec.alternate !== undefined && !['non-ignorable', 'shifted'].includes(spec.alternate)) throw errors.failedToParse(`alternate must be "non-ignorable" or "shifted", got "${spec.alternate}"`);
  if (spec.maxVariable !== undefined && !['punct', 'space'].includes(spec.maxVariable)) throw errors.failedToParse(`maxVariable must be "punct" or "space", got "${spec.maxVariable}"`);
  const unsupported = spec.strength! > 3 ? `strength ${spec.strength}`
    : spec.backwards ? 'backwards: true'
    : spec.caseLevel && spec.strength! > 1 ? 'caseLevel with strength above 1'
    : spec.alternate === 'shifted' && spec.maxVariable === 'space' ? 'maxVariable "space"'
    : /[@=]/.test(spec.locale) ? 'ICU locale keywords' : undefined;
  if (unsupported) throw errors.notImplemented(`collation ${unsupported} is not supported by this server`);
  collatorFor(spec);
  return spec;
}

/** The Intl.Collator implementing `spec` (cached). A locale ICU doesn't know is BadValue. */
export function collatorFor(spec: CollationSpec): Intl.Collator {
  const key = JSON.stringify(spec);
  let col = collators.get(key);
  if (col) return col;
  const locale = spec.locale.replace(/_/g, '-');
  let supported: string[];
  try {
    supported = Intl.Collator.supportedLocalesOf([locale]);
  } catch {
    supported = [];
  }
  if (supported.length === 0 && locale !== 'root') throw errors.badValue(`Field 'locale' is invalid in: { locale: "${spec.locale}" }`);
  const sensitivity = spec.strength === 1 ? (spec.caseLevel ? 'case' : 'base') : spec.strength === 2 ? 'accent' : 'variant';
  col = new Intl.Collator(locale === 'root' ? 'und' : locale, {
    usage: 'sort',
    sensitivity,
    numeric: spec.numericOrdering === true,
    caseFirst: spec.caseFirst === 'upper' || spec.caseFirst === 'lower' ? spec.caseFirst : 'false',
    ignorePunctuation: spec.alternate === 'shifted',
  });
  collators.set(key, col);
  return col;
}

/** The collator for an options object carrying `collation` (mingo's Options), if any. */
export function collatorOf(options: unknown): Intl.Collator | undefined {
  const spec = (options as { collation?: CollationSpec } | undefined)?.collation;
  return spec && typeof spec.locale === 'string' ? collatorFor(spec) : undefined;
}

/** Stages whose results a collation cannot change beyond $match and $sort, which we collate. */
const COLLATION_SAFE_STAGES = new Set(['$match', '$sort', '$limit', '$skip', '$count', '$unset']);

/** Expression operators whose result depends on string comparison (so on the collation). */
const COMPARING_EXPRESSIONS = /"\$(expr|eq|ne|gt|gte|lt|lte|cmp|in|min|max|addToSet|indexOfArray|setEquals|setIntersection|setUnion|setDifference|setIsSubset|sortArray|switch|cond)"/;

/**
 * Aggregations with a collation are run only when every stage is one we apply it to faithfully;
 * group keys, $expr and expression comparisons would otherwise ignore it silently. A $group on a
 * constant key whose accumulators compare nothing (countDocuments' {_id: 1, n: {$sum: 1}}) is safe.
 */
export function assertCollationPipeline(pipeline: Document[]): void {
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0];
    const body = stage[name];
    const json = JSON.stringify(body) ?? '';
    const projectionOnly = name === '$project' && Object.values(body as Document).every((v) => v === 0 || v === 1 || v === true || v === false);
    const constantGroup = name === '$group' && (body as Document)._id !== undefined && typeof (body as Document)._id !== 'object' && !String((body as Document)._id).startsWith('$') && !COMPARING_EXPRESSIONS.test(json);
    const safe = (COLLATION_SAFE_STAGES.has(name) || projectionOnly || constantGroup) && !COMPARING_EXPRESSIONS.test(name === '$match' ? json.replace(/"\$(eq|ne|gt|gte|lt|lte|in)"/g, '') : json);
    if (!safe) throw errors.notImplemented(`collation with ${name} (comparisons in expressions or group keys) is not supported by this server`);
  }
}

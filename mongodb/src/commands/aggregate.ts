// aggregate: https://www.mongodb.com/docs/manual/reference/command/aggregate/
// Collection-level (`aggregate: "coll"`) or database-level (`aggregate: 1`, e.g. $documents).
import type { Document } from 'bson';
import type { CommandSpec } from '../core.ts';
import { firstBatch } from '../cursors/cursors.ts';
import { errors } from '../errors.ts';
import { assertCollationPipeline, parseCollation } from '../query/collation.ts';
import { runMerge, runOut } from '../query/out-merge.ts';
import { runPipeline, validatePipeline } from '../query/pipeline.ts';
import { collName, letVars, optDoc, optNonNegative, view } from './util.ts';
import { extractText } from '../query/text.ts';
import { explainAggregate } from './explain.ts';

/** Stages that can start a database-level aggregate ({ aggregate: 1 }). */
const DB_SOURCES = new Set(['$documents', '$listLocalSessions', '$currentOp']);

export const aggregate: CommandSpec = {
  name: 'aggregate',
  async run(inv) {
    const pipeline = validatePipeline(inv.body.pipeline, (stage) => !!inv.core.aggregateSources.get(stage) || DB_SOURCES.has(stage));
    const first = pipeline[0] ? Object.keys(pipeline[0])[0] : undefined;
    const source = first ? inv.core.aggregateSources.get(first) : undefined;
    if (source) return source(inv);
    const dbLevel = inv.body.aggregate === 1;
    const coll = dbLevel ? undefined : collName(inv);
    const cursorOpt = optDoc(inv, 'cursor');
    if (!cursorOpt && !inv.body.explain) throw errors.failedToParse("The 'cursor' option is required, except for aggregate with the explain argument");
    if (dbLevel && !DB_SOURCES.has(first ?? '')) throw errors.invalidNamespace(`{aggregate: 1} is not valid for '${first ?? ''}'; a collection is required.`);
    const collation = parseCollation(inv.body.collation);
    if (collation) assertCollationPipeline(pipeline);
    if (inv.body.explain) return explainAggregate(inv, coll ?? '$cmd.aggregate', pipeline);
    const batchSize = cursorOpt ? optNonNegative({ ...inv, body: cursorOpt, name: 'aggregate.cursor' }, 'batchSize') : undefined;
    const last = pipeline.length ? Object.keys(pipeline[pipeline.length - 1])[0] : undefined;
    const writes = last === '$out' || last === '$merge';
    if (writes && inv.txn) throw errors.operationNotSupportedInTransaction(`${last} cannot be used in a transaction`);
    if (writes && (inv.body.readConcern as Document | undefined)?.level === 'linearizable') {
      throw errors.invalidOptions(`{readConcern: {level: "linearizable"}} is not supported with ${last}`);
    }
    let stages = writes ? pipeline.slice(0, -1) : pipeline;
    const v = view(inv);
    const env = { variables: letVars(inv), collation };
    let input: Document[] = [];
    if (first === '$listLocalSessions') {
      input = inv.core.sessions.all().map((sess) => ({ _id: sess.lsid, lastUse: new Date(sess.lastUse) }));
      stages = stages.slice(1);
    } else if (first === '$currentOp') stages = stages.slice(1);
    else if (coll) {
      const lead = first === '$match' ? (pipeline[0].$match as Document) : undefined;
      input = v.scan(inv.db, coll, lead, { hint: inv.body.hint, env }).docs.map((e) => e[1]);
      // The scan already applied $text (mingo has no $text); keep the rest of that $match.
      const { text, rest } = extractText(lead);
      if (text) stages = [{ $match: rest ?? {} }, ...stages.slice(1)];
    }
    const results = runPipeline(v, inv.db, input, stages, env);
    const ns = `${inv.db}.${coll ?? '$cmd.aggregate'}`;
    if (writes) {
      const spec = pipeline[pipeline.length - 1][last!];
      if (last === '$out') runOut(v, inv.db, spec, results);
      else runMerge(v, inv.db, spec, results);
      return firstBatch(inv.core.cursors, ns, [], batchSize);
    }
    return firstBatch(inv.core.cursors, ns, results, batchSize, false, inv.session?.key);
  },
};

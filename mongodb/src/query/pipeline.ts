// Aggregation: mingo runs the stages; $out and $merge (which write to our storage) are ours.
// https://www.mongodb.com/docs/manual/reference/operator/aggregation-pipeline/
import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import * as pipelineOps from 'mingo/operators/pipeline';
import type { DataView } from '../sessions/view.ts';
import { assertNoScript, mingoOptions, type QueryEnv } from './mingo.ts';
import { CommandError, errors } from '../errors.ts';
import { cloneDoc } from '../storage/clone.ts';
import { textScores } from './text.ts';

const KNOWN_STAGES = new Set([...Object.keys(pipelineOps), '$out', '$merge']);

/** `allowFirst` admits extra first stages (plugins' source stages such as $changeStream). */
export function validatePipeline(pipeline: unknown, allowFirst?: (stage: string) => boolean): Document[] {
  if (!Array.isArray(pipeline)) throw errors.typeMismatch("'pipeline' option must be specified as an array");
  assertNoScript(pipeline);
  pipeline.forEach((s, i) => {
    if (!s || typeof s !== 'object' || Array.isArray(s) || Object.keys(s).length !== 1) {
      throw errors.location(40323, 'A pipeline stage specification object must contain exactly one field.');
    }
    const name = Object.keys(s)[0];
    if (!KNOWN_STAGES.has(name) && i > 0) throw errors.location(40324, `Unrecognized pipeline stage name: '${name}'`);
    if (!KNOWN_STAGES.has(name) && !allowFirst?.(name)) throw errors.location(40324, `Unrecognized pipeline stage name: '${name}'`);
    if ((name === '$out' || name === '$merge') && i !== pipeline.length - 1) {
      throw errors.location(40601, `${name} can only be the final stage in the pipeline`);
    }
  });
  return pipeline as Document[];
}

// Stages that never write into their input documents (checked against mingo 7.2), so stored
// documents can be fed to them without a defensive deep copy — it halves a $group's cost.
const READ_ONLY_STAGES = new Set(['$match', '$group', '$sort', '$limit', '$skip', '$count', '$sortByCount', '$unwind', '$lookup', '$bucket', '$bucketAuto', '$sample']);

/** Runs the stages over `input` with collections of `db` resolvable for $lookup/$unionWith. */
export function runPipeline(v: DataView, db: string, input: Document[], pipeline: Document[], env: QueryEnv = {}): Document[] {
  const resolve = (name: string) => v.scan(db, name, {}).docs.map((e) => e[1]);
  assertNoScript(pipeline);
  try {
    // Copies are ours (not mingo's CLONE_INPUT) so a $text score follows the document.
    const copy = !pipeline.every((st) => READ_ONLY_STAGES.has(Object.keys(st)[0]));
    const docs = copy ? input.map(copyWithScore) : input;
    const out = new Aggregator(pipeline, mingoOptions({ ...env, resolve })).run(docs) as Document[];
    return out.map(idFirst);
  } catch (e) {
    if (e instanceof CommandError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    const unknownStage = /unknown pipeline operator|Unsupported pipeline operator|pipeline operator.*not/i.exec(msg);
    if (unknownStage) {
      const name = pipeline.map((s) => Object.keys(s)[0]).find((n) => msg.includes(n)) ?? msg;
      throw errors.location(40324, `Unrecognized pipeline stage name: '${name}'`);
    }
    const unknownExpr = /(?:accumulator|operator|expression) '?(\$\w+)'? is not registered/.exec(msg);
    if (unknownExpr) throw errors.invalidPipelineOperator(`Unrecognized expression '${unknownExpr[1]}'`);
    throw errors.location(168, msg);
  }
}

/** mongod emits _id as the first field of $project/$group/$addFields output; mingo appends it. */
function idFirst(d: Document): Document {
  if (!d || typeof d !== 'object' || !('_id' in d) || Object.keys(d)[0] === '_id') return d;
  const { _id, ...rest } = d;
  return { _id, ...rest };
}

function copyWithScore(d: Document): Document {
  const c = cloneDoc(d);
  const score = textScores.get(d);
  if (score !== undefined) textScores.set(c, score);
  return c;
}

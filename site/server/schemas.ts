// Request bodies the API accepts (zod). Unknown keys are rejected so typos surface.
import { z } from 'zod';
import { MAX_CODE_BYTES } from '../../labs/engine/api.ts';

/** Body of POST /api/labs/:id/run and /submit. */
export const CodeBody = z.strictObject({ code: z.string() });

/** Body of POST /api/labs/:id/solution: empty object (the POST only marks intent). */
export const RevealBody = z.strictObject({}).optional();

/**
 * Cap on the raw body: JSON escaping may inflate code up to 6× (`\uXXXX` per byte), plus the
 * envelope. The real limit, MAX_CODE_BYTES of UTF-8 code, is checked after parsing.
 */
export const MAX_BODY_BYTES = MAX_CODE_BYTES * 6 + 1024;

// Scan request shape and segment rules: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html

import { validation } from '../errors.ts';
import { READ_FIELDS, type ScanInput } from './reads.ts';
import { CONDITIONS, validateShape } from './schema.ts';

export function validateScan(body: Record<string, unknown>): ScanInput {
  const d = validateShape<ScanInput>(body, {
    ...READ_FIELDS,
    Segment: { type: 'Integer', min: 0, max: 999999 },
    TotalSegments: { type: 'Integer', min: 1, max: 1000000 },
    ScanFilter: CONDITIONS,
  });
  if (d.Segment !== undefined && d.TotalSegments === undefined) {
    throw validation('The TotalSegments parameter is required but was not present in the request when Segment parameter is present');
  }
  if (d.TotalSegments !== undefined) {
    if (d.Segment === undefined) {
      throw validation('The Segment parameter is required but was not present in the request when parameter TotalSegments is present');
    }
    if (d.Segment >= d.TotalSegments) {
      throw validation(
        `The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${d.Segment} is not less than TotalSegments: ${d.TotalSegments}`,
      );
    }
  }
  return d;
}

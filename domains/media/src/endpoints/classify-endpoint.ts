import type { PredictionEndpoint, Validation } from '@prodsim/core';
import { describeJson, parseJsonBody } from './json-body.js';

export interface ClassifyEndpointOptions<Req, L extends string> {
  /** Endpoint name, e.g. `moderate` or `classify`. */
  name: string;
  /** HTTP path, e.g. `/moderate`. */
  path: string;
  description: string;
  defaultDeadlineMs: number;
  /** The answer's field that holds the label, e.g. `decision`. */
  field: string;
  /** Allowed labels, e.g. `allow`, `block`. */
  labels: readonly L[];
  /** The JSON request body's fields. */
  body(request: Req): Record<string, string | number | boolean>;
}

/**
 * Label one item: POST `path` with a JSON object, answered with `{"<field>": "<label>"}`. Any other
 * answer (not JSON, not an object, a missing field, a label not in the list) is malformed.
 */
export function createClassifyEndpoint<Req, L extends string>(options: ClassifyEndpointOptions<Req, L>): PredictionEndpoint<Req, L> {
  const { field, labels } = options;
  const allowed = labels.map((l) => JSON.stringify(l)).join(' or ');
  return {
    name: options.name,
    description: options.description,
    defaultDeadlineMs: options.defaultDeadlineMs,
    http: { method: 'POST', path: () => options.path, body: (r) => JSON.stringify(options.body(r)), contentType: 'application/json' },
    parseBody: parseJsonBody,
    validate(raw: unknown): Validation<L> {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        return { ok: false, error: `answer is ${describeJson(raw)}, expected {"${field}": ${allowed}}` };
      const label = (raw as Record<string, unknown>)[field];
      if (label === undefined) return { ok: false, error: `answer has no "${field}" field; expected {"${field}": ${allowed}}` };
      if (typeof label !== 'string' || !(labels as readonly string[]).includes(label))
        return { ok: false, error: `"${field}" is ${describeJson(label)}, expected ${allowed}` };
      return { ok: true, value: label as L, dropped: 0 };
    },
  };
}

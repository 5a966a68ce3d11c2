/**
 * A versioned, documented schema of JSON-line events. A domain declares it once; the same object
 * documents the stream (the README's tables are generated from it and tests compare them) and
 * validates every line the conformance tests see.
 */
export type FieldType = 'int' | 'number' | 'string' | 'boolean' | 'int[]';

export interface FieldSchema {
  type: FieldType;
  /** May be absent (e.g. `error` only on failures). */
  optional?: boolean;
  /** For strings: the allowed values. */
  values?: readonly string[];
  description: string;
}

export interface EventKindSchema {
  description: string;
  /** The field whose value is the message key (events of one key stay in order). */
  key: string;
  fields: Readonly<Record<string, FieldSchema>>;
}

export interface EventSchema {
  /** The `v` of every line; raised whenever a field changes meaning or goes away. */
  version: number;
  kinds: Readonly<Record<string, EventKindSchema>>;
}

/** Fields every line carries, before the kind's own. */
export const COMMON_FIELDS: Readonly<Record<string, FieldSchema>> = {
  v: { type: 'int', description: 'schema version' },
  kind: { type: 'string', description: 'event kind (one of the sections below)' },
  t: { type: 'string', description: 'simulated time, ISO-8601 UTC with milliseconds (`2026-01-05T13:44:14.123Z`)' },
};

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Checks one line against the schema; returns what is wrong, or undefined if it conforms. */
export function checkEvent(schema: EventSchema, line: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const event = value as Record<string, unknown>;
  if (event.v !== schema.version) return `v is ${JSON.stringify(event.v)}, expected ${schema.version}`;
  const kind = schema.kinds[String(event.kind)];
  if (typeof event.kind !== 'string' || !kind) return `unknown kind ${JSON.stringify(event.kind)}`;
  if (typeof event.t !== 'string' || !ISO.test(event.t)) return `t is not an ISO-8601 UTC time with ms: ${JSON.stringify(event.t)}`;
  for (const name of Object.keys(event)) {
    if (!(name in COMMON_FIELDS) && !(name in kind.fields)) return `${event.kind}: undeclared field ${name}`;
  }
  for (const [name, field] of Object.entries(kind.fields)) {
    const v = event[name];
    if (v === undefined) {
      if (field.optional) continue;
      return `${event.kind}: missing field ${name}`;
    }
    if (!fits(field, v)) return `${event.kind}: field ${name} = ${JSON.stringify(v)} is not ${describe(field)}`;
  }
  return undefined;
}

function fits(field: FieldSchema, v: unknown): boolean {
  switch (field.type) {
    case 'int':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'int[]':
      return Array.isArray(v) && v.every((x) => Number.isInteger(x));
    case 'string':
      return typeof v === 'string' && (field.values === undefined || field.values.includes(v));
  }
}

function describe(field: FieldSchema): string {
  if (field.type === 'string' && field.values) return `one of ${field.values.map((x) => JSON.stringify(x)).join(', ')}`;
  return `of type ${field.type}`;
}

/** The schema as Markdown: one table per kind (what the domain's README shows). */
export function schemaMarkdown(schema: EventSchema): string {
  const row = (name: string, f: FieldSchema) => {
    const type = f.type === 'string' && f.values ? f.values.map((x) => `\`${x}\``).join(' \\| ') : f.type;
    return `| \`${name}\` | ${type}${f.optional ? ' (optional)' : ''} | ${f.description} |`;
  };
  const parts = [
    `Every line: ${Object.entries(COMMON_FIELDS)
      .map(([n, f]) => `\`${n}\` (${f.description})`)
      .join(', ')}; \`v\` = ${schema.version}.`,
  ];
  for (const [name, kind] of Object.entries(schema.kinds)) {
    parts.push(
      `#### \`${name}\` (key: \`${kind.key}\`)\n\n${kind.description}\n\n| field | type | meaning |\n|---|---|---|\n${Object.entries(kind.fields)
        .map(([n, f]) => row(n, f))
        .join('\n')}`,
    );
  }
  return `${parts.join('\n\n')}\n`;
}

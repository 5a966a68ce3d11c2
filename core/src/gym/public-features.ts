/**
 * Numeric features of an entity's public view (what the entity API serves), for the step
 * protocol's observations. The feature names are fixed by a first view, sorted, so every later
 * row has the same columns: numbers, numeric strings (worlds that serve numbers as text) and
 * booleans (0/1), at the top level of the view. Ids (`id`, `*_id`, `*Id`) are left out: they
 * name an entity, they do not describe it. Text and nested fields are left out as well.
 */
export class PublicFeatures {
  readonly names: readonly string[];

  constructor(sample: unknown) {
    const names: string[] = [];
    if (isRecord(sample)) for (const [key, value] of Object.entries(sample)) if (!isIdKey(key) && numeric(value) !== undefined) names.push(key);
    this.names = names.sort();
  }

  /** Writes the view's features into `out` from `offset` (0 for a missing view or field). */
  write(view: unknown, out: number[], offset: number): void {
    const record = isRecord(view) ? view : undefined;
    for (let i = 0; i < this.names.length; i++) out[offset + i] = (record && numeric(record[this.names[i]])) ?? 0;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIdKey(key: string): boolean {
  return key === 'id' || key.endsWith('_id') || key.endsWith('Id');
}

function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

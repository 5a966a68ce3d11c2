/**
 * Snapshots of a domain's stores without listing their fields one by one: a store's data fields
 * (numbers, strings, typed arrays, arrays, Maps, Sets, plain objects of those) are taken as they
 * are, so a field added to a store later is in its snapshot too. A field holding another class
 * instance (another store, a model, a reference to the world) is an error until the snapshot
 * names it in `skip` (and snapshots it by itself, or says why it need not be): nothing is left
 * out silently.
 */
export function dataFields(store: object, skip: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(store)) {
    if (skip.includes(key) || typeof value === 'function') continue;
    const problem = notData(value);
    if (problem) {
      throw new Error(`${store.constructor.name}.${key} is ${problem}: snapshot it by itself (and name it in skip), or say why it need not be`);
    }
    out[key] = value;
  }
  return out;
}

/**
 * Writes fields from `dataFields` back into a store built afresh. Typed arrays of the same kind
 * and length, arrays, Maps and Sets are refilled in place (so that whoever holds them sees the
 * restored values); the rest is replaced.
 */
export function restoreFields(store: object, fields: Record<string, unknown>): void {
  const target = store as Record<string, unknown>;
  for (const [key, value] of Object.entries(fields)) {
    const current = target[key];
    if (ArrayBuffer.isView(value) && ArrayBuffer.isView(current) && sameTypedArray(current, value)) {
      (current as unknown as Float64Array).set(value as unknown as Float64Array);
    } else if (Array.isArray(value) && Array.isArray(current)) {
      current.length = 0;
      for (const item of value) current.push(item);
    } else if (value instanceof Map && current instanceof Map) {
      current.clear();
      for (const [k, v] of value) current.set(k, v);
    } else if (value instanceof Set && current instanceof Set) {
      current.clear();
      for (const v of value) current.add(v);
    } else {
      target[key] = value;
    }
  }
}

function sameTypedArray(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return a.constructor === b.constructor && a.byteLength === b.byteLength;
}

/** Why a value is not plain data (a class instance, a function inside), or undefined when it is. */
function notData(value: unknown, depth = 0): string | undefined {
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? 'a function' : undefined;
  if (ArrayBuffer.isView(value)) return undefined;
  if (depth > 4) return 'nested too deeply to check';
  if (Array.isArray(value) || value instanceof Set) {
    for (const item of value) {
      const p = notData(item, depth + 1);
      if (p) return `a collection holding ${p}`;
    }
    return undefined;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      const p = notData(k, depth + 1) ?? notData(v, depth + 1);
      if (p) return `a Map holding ${p}`;
    }
    return undefined;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return `a ${value.constructor?.name ?? 'class'} instance`;
  for (const v of Object.values(value)) {
    const p = notData(v, depth + 1);
    if (p) return `an object holding ${p}`;
  }
  return undefined;
}

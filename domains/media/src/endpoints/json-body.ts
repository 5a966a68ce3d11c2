import type { Validation } from '@prodsim/core';

/** Parses a service's JSON answer; anything else (HTML, plain text, empty) is malformed. */
export function parseJsonBody(body: string): Validation<unknown> {
  const text = body.trim();
  if (text === '') return { ok: false, error: 'empty answer; expected JSON' };
  try {
    return { ok: true, value: JSON.parse(text), dropped: 0 };
  } catch {
    const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
    return { ok: false, error: `answer is not JSON: ${JSON.stringify(shown)}` };
  }
}

/** An item id from an answer: a non-negative integer, or its decimal digits as a string. */
export function asItemId(x: unknown): number | undefined {
  if (typeof x === 'number') return Number.isSafeInteger(x) && x >= 0 ? x : undefined;
  if (typeof x === 'string' && /^\d{1,15}$/.test(x.trim())) return Number(x.trim());
  return undefined;
}

export function describeJson(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'object') return 'an object';
  const text = JSON.stringify(x) ?? String(x);
  return `${typeof x} ${text.length > 30 ? `${text.slice(0, 27)}...` : text}`;
}

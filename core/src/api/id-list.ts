/** Bulk lookups take at most this many comma-separated ids (the course's API limit). */
export const MAX_BULK_IDS = 200;

export type IdList = { ok: true; ids: string[]; bulk: boolean } | { ok: false; message: string };

/**
 * Reads the `:ids` part of `/<collection>/:ids`: one id, or a comma-separated list (bulk). Any
 * id that does not match the collection's id syntax makes the whole request a 400, so that a
 * client learns about its mistake instead of getting a list of nulls.
 */
export function parseIdList(text: string, pattern: RegExp, collection: string, maxIds = MAX_BULK_IDS): IdList {
  const bulk = text.includes(',');
  const ids = bulk ? text.split(',').map((id) => id.trim()) : [text];
  if (ids.length > maxIds) return { ok: false, message: `at most ${maxIds} ids per request, got ${ids.length}` };
  for (const id of ids) {
    if (id === '') return { ok: false, message: bulk ? `empty id in the list ${quote(text)}` : `missing ${collection} id` };
    if (!pattern.test(id)) return { ok: false, message: `malformed ${collection} id ${quote(id)}: expected ${pattern.source}` };
  }
  return { ok: true, ids, bulk };
}

/** An id pattern that is safe to reuse: no `g`/`y` flag, whose `lastIndex` state would skip matches. */
export function statelessPattern(pattern: RegExp): RegExp {
  return pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')) : pattern;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

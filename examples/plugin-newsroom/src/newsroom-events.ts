/**
 * newsroom/v1's wire format: one JSON object per line, on the configured topic, keyed by reader
 * (publish events by publisher). The domain owns it; `checkEvent` is the conformance suite's
 * event checker, and documents every field.
 *
 * | kind          | fields                                                              |
 * | ------------- | ------------------------------------------------------------------- |
 * | `publish`     | t, article, publisher, topic, words, headline                       |
 * | `feed`        | t, reader, articles (the ids shown, in order)                       |
 * | `click`       | t, reader, article, position (0 = top of the feed)                  |
 * | `read`        | t, reader, article, seconds (how long the reader stayed)            |
 * | `feed-failed` | t, reader, outcome (timeout, refused, http-error, ...), error       |
 */
const iso = (time: number) => new Date(time).toISOString();

export const encode = {
  publish: (time: number, article: number, publisher: number, topic: string, words: number, headline: string) =>
    JSON.stringify({ kind: 'publish', t: iso(time), article, publisher, topic, words, headline }),
  feed: (time: number, reader: number, articles: readonly number[]) =>
    `{"kind":"feed","t":"${iso(time)}","reader":${reader},"articles":[${articles.join(',')}]}`,
  click: (time: number, reader: number, article: number, position: number) =>
    `{"kind":"click","t":"${iso(time)}","reader":${reader},"article":${article},"position":${position}}`,
  read: (time: number, reader: number, article: number, seconds: number) =>
    `{"kind":"read","t":"${iso(time)}","reader":${reader},"article":${article},"seconds":${seconds}}`,
  failed: (time: number, reader: number, outcome: string, error: string) => JSON.stringify({ kind: 'feed-failed', t: iso(time), reader, outcome, error }),
};

const FIELDS: Record<string, Record<string, 'int' | 'string' | 'ints'>> = {
  publish: { article: 'int', publisher: 'int', topic: 'string', words: 'int', headline: 'string' },
  feed: { reader: 'int', articles: 'ints' },
  click: { reader: 'int', article: 'int', position: 'int' },
  read: { reader: 'int', article: 'int', seconds: 'int' },
  'feed-failed': { reader: 'int', outcome: 'string', error: 'string' },
};

/** Throws with the reason if `line` is not a newsroom event. */
export function checkEvent(line: string): void {
  const event = JSON.parse(line) as Record<string, unknown>;
  const fields = FIELDS[String(event.kind)];
  if (!fields) throw new Error(`unknown event kind ${JSON.stringify(event.kind)}`);
  if (typeof event.t !== 'string' || Number.isNaN(Date.parse(event.t))) throw new Error('t is not an ISO time');
  const known = new Set(['kind', 't', ...Object.keys(fields)]);
  for (const key of Object.keys(event)) if (!known.has(key)) throw new Error(`unexpected field ${key}`);
  for (const [field, type] of Object.entries(fields)) {
    const v = event[field];
    const fine =
      type === 'int'
        ? Number.isInteger(v) && (v as number) >= 0
        : type === 'string'
          ? typeof v === 'string'
          : Array.isArray(v) && v.every((x) => Number.isInteger(x));
    if (!fine) throw new Error(`${field} is ${JSON.stringify(v)}, not ${type === 'ints' ? 'a list of ids' : `a ${type}`}`);
  }
}

import { EventSink, RandomStream } from '@prodsim/core';
import { CaptureOutput } from '@prodsim/core/testing';
import { describe, expect, it } from 'vitest';
import { checkEvent, schemaMarkdown, type EventSchema } from './event-schema.js';
import { JsonEventWriter } from './event-writer.js';
import { IsoTime } from './iso-time.js';

const schema = {
  version: 1,
  kinds: {
    like: { description: 'a like', key: 'user', fields: { user: { type: 'int', description: 'u' }, image: { type: 'int', description: 'i' } } },
    feed: {
      description: 'a feed',
      key: 'user',
      fields: {
        user: { type: 'int', description: 'u' },
        shown: { type: 'int[]', description: 's' },
        decision: { type: 'string', values: ['allow', 'block'], description: 'd' },
        error: { type: 'string', optional: true, description: 'e' },
        ok: { type: 'boolean', description: 'b' },
      },
    },
  },
} as const satisfies EventSchema;

function writer() {
  const capture = new CaptureOutput();
  const sink = new EventSink([capture], { hold() {} });
  return { capture, sink, w: new JsonEventWriter(sink, 'topic', schema) };
}

describe('IsoTime', () => {
  it('formats like Date.toISOString for any time, across day boundaries', () => {
    const iso = new IsoTime();
    const rng = new RandomStream('iso');
    for (let i = 0; i < 2000; i++) {
      const t = Date.UTC(2026, 0, 1) + Math.floor(rng.next() * 400 * 86_400_000);
      expect(iso.format(t)).toBe(new Date(t).toISOString());
    }
    expect(iso.date(Date.UTC(2026, 1, 3, 23, 59, 59, 999))).toBe('2026-02-03');
  });
});

describe('JsonEventWriter', () => {
  it('declares every kind on the topic and writes versioned JSON lines in field order, omitting undefined', () => {
    const { capture, sink, w } = writer();
    expect(sink.kindsDeclared().map((k) => `${k.name}@${k.topic}`)).toEqual(['like@topic', 'feed@topic']);
    w.emit('feed', '7', Date.UTC(2026, 0, 5, 1, 2, 3, 4), { user: 7, shown: [3, 1], decision: 'allow', error: undefined, ok: true });
    w.emit('feed', '7', Date.UTC(2026, 0, 5), { user: 7, shown: [], decision: 'block', error: 'timeout "after" 300 ms\n', ok: false });
    expect(capture.events[0]).toEqual({
      topic: 'topic',
      key: '7',
      value: '{"v":1,"kind":"feed","t":"2026-01-05T01:02:03.004Z","user":7,"shown":[3,1],"decision":"allow","ok":true}',
    });
    expect(JSON.parse(capture.events[1].value).error).toBe('timeout "after" 300 ms\n');
    for (const e of capture.events) expect(checkEvent(schema, e.value)).toBeUndefined();
  });

  it('writes null for a non-finite number, which the schema check catches', () => {
    const { capture, w } = writer();
    w.emit('like', '1', 0, { user: NaN, image: 2 });
    expect(() => JSON.parse(capture.events[0].value)).not.toThrow();
    expect(checkEvent(schema, capture.events[0].value)).toMatch(/field user = null/);
  });
});

describe('checkEvent', () => {
  const t = '"t":"2026-01-05T00:00:00.000Z"';
  it.each([
    ['not json', 'not JSON'],
    ['[1]', 'not a JSON object'],
    [`{"v":2,"kind":"like",${t},"user":1,"image":2}`, 'v is 2, expected 1'],
    [`{"v":1,"kind":"love",${t},"user":1,"image":2}`, 'unknown kind "love"'],
    [`{"v":1,"kind":"like","t":"2026-01-05 00:00:00","user":1,"image":2}`, 't is not an ISO-8601'],
    [`{"v":1,"kind":"like",${t},"user":1}`, 'like: missing field image'],
    [`{"v":1,"kind":"like",${t},"user":1,"image":2,"taste":0.3}`, 'like: undeclared field taste'],
    [`{"v":1,"kind":"like",${t},"user":"1","image":2}`, 'field user = "1" is not of type int'],
    [`{"v":1,"kind":"feed",${t},"user":1,"shown":[1.5],"decision":"allow","ok":true}`, 'field shown = [1.5] is not of type int[]'],
    [`{"v":1,"kind":"feed",${t},"user":1,"shown":[],"decision":"maybe","ok":true}`, 'is not one of "allow", "block"'],
  ])('rejects %s', (line, problem) => {
    expect(checkEvent(schema, line)).toContain(problem);
  });

  it('accepts a conforming line with an optional field absent', () => {
    expect(checkEvent(schema, `{"v":1,"kind":"feed",${t},"user":1,"shown":[],"decision":"allow","ok":false}`)).toBeUndefined();
  });
});

describe('schemaMarkdown', () => {
  it('documents the version, every kind with its key and every field', () => {
    const md = schemaMarkdown(schema);
    expect(md).toContain('`v` = 1');
    expect(md).toContain('#### `like` (key: `user`)');
    expect(md).toContain('| `shown` | int[] | s |');
    expect(md).toContain('| `decision` | `allow` \\| `block` | d |');
    expect(md).toContain('| `error` | string (optional) | e |');
  });
});

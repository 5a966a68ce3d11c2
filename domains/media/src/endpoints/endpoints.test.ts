import { describe, expect, it } from 'vitest';
import { createClassifyEndpoint } from './classify-endpoint.js';
import { createFeedEndpoint, presentFeed } from './feed-endpoint.js';

const feed = createFeedEndpoint({ itemKind: 'image' });
const request = { user: 7, candidates: [10, 11, 12, 13] };

describe('feed endpoint', () => {
  it('POSTs the user and candidates as JSON to /feed with a 300 ms default deadline', () => {
    expect(feed.name).toBe('feed');
    expect(feed.defaultDeadlineMs).toBe(300);
    expect(feed.http.method).toBe('POST');
    expect(feed.http.path(request)).toBe('/feed');
    expect(JSON.parse(feed.http.body!(request))).toEqual({ user: 7, candidates: [10, 11, 12, 13] });
    expect(feed.http.contentType).toBe('application/json');
  });

  it('parses JSON answers and calls anything else malformed', () => {
    expect(feed.parseBody('[12, 10]')).toEqual({ ok: true, value: [12, 10], dropped: 0 });
    for (const body of ['', '12,10', '<html>oops</html>', '[1,']) {
      const r = feed.parseBody(body);
      expect(r.ok).toBe(false);
    }
  });

  it('keeps candidates in answer order, drops and counts unknown and repeated ids', () => {
    const r = feed.validate([12, 99, 10, 12, '13'], request);
    expect(r).toEqual({ ok: true, value: { ranked: [12, 10, 13] }, dropped: 2 });
  });

  it('calls an answer that is not a list of ids malformed, saying what it got', () => {
    const notList = feed.validate({ ranking: [1] }, request);
    expect(notList.ok).toBe(false);
    if (!notList.ok) expect(notList.error).toMatch(/an object, expected a JSON array/);
    const badItem = feed.validate([10, { id: 11 }], request);
    expect(badItem.ok).toBe(false);
    if (!badItem.ok) expect(badItem.error).toMatch(/where a image id belongs/);
    expect(feed.validate([10, -1], request).ok).toBe(false);
    expect(feed.validate([10, 1.5], request).ok).toBe(false);
  });

  it('presents the ranking first, then the candidates it left out in request order', () => {
    expect(presentFeed([10, 11, 12, 13], { ranked: [13, 11] }, 4)).toEqual([13, 11, 10, 12]);
    expect(presentFeed([10, 11, 12, 13], { ranked: [13, 11] }, 3)).toEqual([13, 11, 10]);
    expect(presentFeed([10, 11, 12, 13], undefined, 2)).toEqual([10, 11]);
    expect(presentFeed([10, 11, 12, 13], { ranked: [] }, 10)).toEqual([10, 11, 12, 13]);
  });
});

describe('classify endpoint', () => {
  const moderate = createClassifyEndpoint<{ image: number }, 'allow' | 'block'>({
    name: 'moderate',
    path: '/moderate',
    description: 'd',
    defaultDeadlineMs: 500,
    field: 'decision',
    labels: ['allow', 'block'],
    body: (r) => ({ image: r.image, url: `/image/${r.image}.png` }),
  });

  it('POSTs the JSON body to its path', () => {
    expect(moderate.http.method).toBe('POST');
    expect(moderate.http.path({ image: 3 })).toBe('/moderate');
    expect(JSON.parse(moderate.http.body!({ image: 3 }))).toEqual({ image: 3, url: '/image/3.png' });
  });

  it('accepts {"decision": label} and nothing else', () => {
    expect(moderate.validate({ decision: 'block' }, { image: 1 })).toEqual({ ok: true, value: 'block', dropped: 0 });
    const cases: [unknown, RegExp][] = [
      ['allow', /string "allow", expected \{"decision"/],
      [{ verdict: 'allow' }, /no "decision" field/],
      [{ decision: 'maybe' }, /"decision" is string "maybe", expected "allow" or "block"/],
      [{ decision: 1 }, /"decision" is number 1/],
      [null, /answer is null/],
      [['allow'], /answer is a list/],
    ];
    for (const [raw, message] of cases) {
      const r = moderate.validate(raw, { image: 1 });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
  });
});

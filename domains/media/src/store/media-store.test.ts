import { describe, expect, it } from 'vitest';
import { MediaErrorCodes } from '../errors.js';
import { mediaCollection, mediaRoute } from './media-routes.js';
import { MediaStore } from './media-store.js';

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

describe('MediaStore', () => {
  it('keeps bytes by id and answers state', () => {
    const store = new MediaStore({ contentType: 'image/png', maxBytes: 1000 });
    store.put(0, bytes(10, 7));
    expect(store.bytes(0)?.[3]).toBe(7);
    expect(store.state(0)).toBe('stored');
    expect(store.state(1)).toBe('unknown');
    expect(store.size).toBe(1);
    expect(store.bytesHeld).toBe(10);
  });

  it('refuses a second put of one id, empty bodies and bad ids, with a coded error', () => {
    const store = new MediaStore({ contentType: 'image/png', maxBytes: 1000 });
    store.put(3, bytes(5));
    expect(() => store.put(3, bytes(5))).toThrow(expect.objectContaining({ code: MediaErrorCodes.STORE }));
    expect(() => store.put(4, new Uint8Array(0))).toThrow(expect.objectContaining({ code: MediaErrorCodes.STORE }));
    expect(() => store.put(-1, bytes(5))).toThrow(expect.objectContaining({ code: MediaErrorCodes.STORE }));
    expect(() => new MediaStore({ contentType: 'x', maxBytes: 0 })).toThrow(expect.objectContaining({ code: MediaErrorCodes.STORE }));
  });

  it('drops the oldest bytes beyond maxBytes and keeps memory bounded', () => {
    const store = new MediaStore({ contentType: 'image/png', maxBytes: 100 });
    for (let i = 0; i < 50; i++) store.put(i, bytes(30));
    expect(store.bytesHeld).toBeLessThanOrEqual(100);
    expect(store.state(0)).toBe('evicted');
    expect(store.state(49)).toBe('stored');
    expect(store.state(47)).toBe('stored');
    expect(store.state(46)).toBe('evicted');
    expect(store.evicted).toBe(47);
    expect(store.size).toBe(50);
  });

  it('replaces the bytes of an edited item under its id: in place if stored, as the newest if dropped', () => {
    const store = new MediaStore({ contentType: 'image/png', maxBytes: 100 });
    for (let i = 0; i < 3; i++) store.put(i, bytes(30, i + 1));
    store.replace(1, bytes(20, 9));
    expect(store.bytes(1)?.[0]).toBe(9);
    expect(store.bytesHeld).toBe(80);
    expect(store.size).toBe(3);
    // Item 0 is still the oldest: the next put drops it, not the edited one.
    store.put(3, bytes(30, 4));
    expect(store.state(0)).toBe('evicted');
    expect(store.state(1)).toBe('stored');
    // An edit of a dropped item stores the new bytes again, as the newest (the oldest goes).
    store.replace(0, bytes(30, 8));
    expect(store.bytes(0)?.[0]).toBe(8);
    expect(store.state(1)).toBe('evicted');
    expect(store.bytesHeld).toBeLessThanOrEqual(100);
    expect(() => store.replace(7, bytes(5))).toThrow(expect.objectContaining({ code: MediaErrorCodes.STORE }));
    expect(() => store.replace(2, new Uint8Array(0))).toThrow(expect.objectContaining({ code: MediaErrorCodes.STORE }));
  });
});

describe('mediaRoute', () => {
  const store = new MediaStore({ contentType: 'image/png', maxBytes: 60 });
  store.put(0, bytes(30, 1));
  store.put(1, bytes(30, 2));
  store.put(2, bytes(30, 3));
  const route = mediaRoute('image', 'png', store);

  it('is GET /image/:id.png', () => {
    expect(route.method).toBe('GET');
    expect(route.path).toBe('/image/:id.png');
  });

  it('answers the bytes with the content type, 404 for unknown ids, 410 for dropped ones, 400 for bad ids', async () => {
    const ok = await route.handler({ id: '2' }, {});
    expect(ok.status).toBe(200);
    expect(ok.contentType).toBe('image/png');
    expect((ok.body as Uint8Array)[0]).toBe(3);
    expect((await route.handler({ id: '9' }, {})).status).toBe(404);
    const gone = await route.handler({ id: '0' }, {});
    expect(gone.status).toBe(410);
    expect(JSON.parse(gone.body as string).error).toMatch(/no longer held/);
    for (const bad of ['x', '-1', '1.5', '', '1'.repeat(20)]) {
      const r = await route.handler({ id: bad }, {});
      expect(r.status).toBe(400);
      expect(r.contentType).toMatch(/json/);
    }
  });
});

describe('mediaCollection', () => {
  const views = ['a', undefined, 'c', 'd'];
  const collection = mediaCollection({ name: 'image', count: () => views.length, view: (id) => (views[id] ? { id, v: views[id] } : undefined) });

  it('serves public views by integer id and nothing else', () => {
    expect(collection.name).toBe('image');
    expect(collection.get('2')).toEqual({ id: 2, v: 'c' });
    expect(collection.get('1')).toBeUndefined();
    expect(collection.get('4')).toBeUndefined();
    expect(collection.get('abc')).toBeUndefined();
    expect(collection.idPattern.test('12')).toBe(true);
    expect(collection.idPattern.test('1a')).toBe(false);
    expect(collection.size).toBe(4);
  });

  it('samples only ids that have a view', () => {
    const ids = collection.sampleIds(10);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(collection.get(id)).toBeDefined();
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeatureCache } from './feature-cache.js';
import { FEATURES } from './pixel-features.js';

const solid = (r: number, g: number, b: number) =>
  sharp({ create: { width: 64, height: 64, channels: 3, background: { r, g, b } } })
    .png()
    .toBuffer();

/** Red balance of an image's features (1 for pure red, 0 for pure blue). */
const redness = (f: Float32Array | undefined) => f?.[FEATURES - 2];

describe('FeatureCache and edits (same id, new picture)', () => {
  let server: Server;
  let base: string;
  let picture: Buffer;
  /** While set, answers wait for it: a download caught in flight. */
  let gate: Promise<void> | undefined;

  beforeAll(async () => {
    picture = await solid(255, 0, 0);
    server = createServer(async (_req, res) => {
      if (gate) await gate;
      res.writeHead(200, { 'content-type': 'image/png' }).end(picture);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('keeps features until told of an edit, then fetches the new picture', async () => {
    picture = await solid(255, 0, 0);
    const cache = new FeatureCache(base);
    expect(redness(await cache.fetch(7))).toBeCloseTo(1);
    picture = await solid(0, 0, 255);
    // Not told: the cache answers from the old picture (this is what goes stale).
    expect(redness(await cache.fetch(7))).toBeCloseTo(1);
    cache.invalidate(7);
    expect(cache.get(7)).toBeUndefined();
    expect(redness(await cache.fetch(7))).toBeCloseTo(0);
    expect(redness(cache.get(7))).toBeCloseTo(0);
  });

  it('does not keep a download that was under way when the edit came', async () => {
    picture = await solid(255, 0, 0);
    const cache = new FeatureCache(base);
    let release = () => {};
    gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const old = cache.fetch(3);
    cache.invalidate(3);
    gate = undefined;
    release();
    await old;
    expect(cache.get(3)).toBeUndefined();
    picture = await solid(0, 0, 255);
    expect(redness(await cache.fetch(3))).toBeCloseTo(0);
  });
});

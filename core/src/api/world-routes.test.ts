import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import { PublicCatalog } from '../world/entity-collection.js';
import type { ApiWorld } from './api-world.js';
import { teamWorlds, tokenGate } from './world-routes.js';

function world(team?: string, token?: string): ApiWorld {
  return { team, token, catalog: new PublicCatalog(), routes: [], metrics: new MetricsRegistry() };
}

describe('tokenGate', () => {
  it('lets any request into a world without a token', () => {
    const open = world();
    const gate = tokenGate(open);
    expect(gate(undefined)).toBe(open);
    expect(gate('Bearer anything')).toBe(open);
  });

  it('lets in only "Bearer <its token>", every time (the token bytes are made once)', () => {
    const alpha = world('alpha', 'alpha-token-123');
    const gate = tokenGate(alpha);
    expect(gate('Bearer alpha-token-123')).toBe(alpha);
    expect(gate('Bearer alpha-token-123')).toBe(alpha);
    const refusals = [
      undefined,
      '',
      'alpha-token-123',
      'Basic alpha-token-123',
      'Bearer alpha-token-12',
      'Bearer alpha-token-124',
      'Bearer alpha-token-1234',
    ].map(gate);
    for (const answer of refusals) expect(answer).toEqual({ status: 401, body: expect.stringContaining('"statusCode":401') });
    // One answer for every refusal, and it never names the team.
    expect(new Set(refusals.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(JSON.stringify(refusals[0])).not.toContain('alpha');
  });
});

describe('teamWorlds', () => {
  it('behind tokens, answers an unknown team exactly as a known team with a wrong token', () => {
    const alpha = world('alpha', 'alpha-token-123');
    const beta = world('beta', 'beta-token-456');
    const find = teamWorlds([alpha, beta]);
    expect(find('alpha', 'Bearer alpha-token-123')).toBe(alpha);
    expect(find('beta', 'Bearer beta-token-456')).toBe(beta);
    const wrong = find('alpha', 'Bearer beta-token-456');
    expect(wrong).toMatchObject({ status: 401 });
    expect(find('gamma', 'Bearer beta-token-456')).toEqual(wrong);
    expect(find('gamma', 'Bearer alpha-token-123')).toEqual(wrong);
    expect(find('gamma', undefined)).toEqual(find('alpha', undefined));
  });

  it('without tokens, a plain 404 naming the unknown team', () => {
    const find = teamWorlds([world('alpha'), world('beta')]);
    expect(find('beta', undefined)).toMatchObject({ team: 'beta' });
    expect(find('gamma', undefined)).toEqual({ status: 404, body: expect.stringContaining('no team \\"gamma\\"') });
  });
});

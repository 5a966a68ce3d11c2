import { describe, expect, it } from 'vitest';
import { s } from '../config/schema.js';
import { ErrorCodes, type ProdsimError } from '../errors.js';
import type { DomainPlugin } from './domain-plugin.js';
import { DomainRegistry } from './domain-registry.js';
import { satisfies } from './semver.js';

function plugin(id: string, coreVersion = '^0.1.0'): DomainPlugin {
  return { id, description: id, coreVersion, config: s.object({}), create: () => ({}) as never };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as ProdsimError).code;
  }
  return undefined;
}

describe('DomainRegistry', () => {
  it('resolves exact ids and names (highest version)', () => {
    const r = new DomainRegistry('0.1.3').register(plugin('movies/v1')).register(plugin('movies/v2')).register(plugin('images/v1'));
    expect(r.get('movies/v1').id).toBe('movies/v1');
    expect(r.get('movies').id).toBe('movies/v2');
    expect(r.list().map((p) => p.id)).toEqual(['images/v1', 'movies/v1', 'movies/v2']);
  });

  it('refuses duplicates, unknown, incompatible and malformed plugins with coded errors', () => {
    const r = new DomainRegistry('0.1.0').register(plugin('movies/v1'));
    expect(codeOf(() => r.register(plugin('movies/v1')))).toBe(ErrorCodes.DOMAIN_DUPLICATE);
    expect(codeOf(() => r.get('audio'))).toBe(ErrorCodes.DOMAIN_UNKNOWN);
    expect(codeOf(() => r.register(plugin('audio/v1', '^0.2.0')))).toBe(ErrorCodes.DOMAIN_INCOMPATIBLE);
    expect(codeOf(() => r.register(plugin('audio/v1', '^1.0.0')))).toBe(ErrorCodes.DOMAIN_INCOMPATIBLE);
    expect(codeOf(() => r.register(plugin('Audio')))).toBe(ErrorCodes.DOMAIN_INVALID);
    expect(codeOf(() => r.register(plugin('audio/v0')))).toBe(ErrorCodes.DOMAIN_INVALID);
    expect(codeOf(() => r.register(plugin('audio/v1', 'latest')))).toBe(ErrorCodes.DOMAIN_INVALID);
    expect(codeOf(() => r.register({ ...plugin('audio/v1'), create: undefined } as never))).toBe(ErrorCodes.DOMAIN_INVALID);
  });
});

describe('semver ranges', () => {
  it.each([
    ['0.1.5', '^0.1.0', true],
    ['0.2.0', '^0.1.0', false],
    ['1.4.0', '^1.2.0', true],
    ['2.0.0', '^1.2.0', false],
    ['1.2.9', '~1.2.0', true],
    ['1.3.0', '~1.2.0', false],
    ['3.0.0', '>=1.0.0', true],
    ['0.0.3', '^0.0.3', true],
    ['0.0.4', '^0.0.3', false],
    ['0.3.0', '^0.1.0 || ^0.3.0', true],
  ] as const)('%s satisfies %s: %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });
});

import { ConfigError } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { isValidTopic, parseNatsOptions, subjectFor } from './nats-options.js';

function field(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).field;
  }
  throw new Error('expected a ConfigError');
}

describe('NATS transport options', () => {
  it('defaults to JetStream on 127.0.0.1:4222 with one stream per team', () => {
    const o = parseNatsOptions({ clientId: 'prodsim-movies-v1' });
    expect(o).toMatchObject({ mode: 'jetstream', servers: ['127.0.0.1:4222'], team: 'default', stream: 'PRODSIM_DEFAULT', subjectPrefix: 'prodsim' });
    const team7 = parseNatsOptions({ team: 'team-07' });
    expect(team7.stream).toBe('PRODSIM_TEAM_07');
    expect(subjectFor(team7, 'movielog7')).toBe('prodsim.team-07.movielog7');
  });

  it('accepts servers as a comma-separated string and durations with units', () => {
    const o = parseNatsOptions({ servers: 'nats://127.0.0.1:4222, 127.0.0.1:4223', mode: 'core', ackTimeout: '2s', maxInFlight: '512' });
    expect(o.servers).toEqual(['nats://127.0.0.1:4222', '127.0.0.1:4223']);
    expect(o.mode).toBe('core');
    expect(o.ackTimeout).toBe(2000);
    expect(o.maxInFlight).toBe(512);
  });

  it('names the bad field', () => {
    expect(field(() => parseNatsOptions({ mode: 'kafka' }))).toBe('transport.options.mode');
    expect(field(() => parseNatsOptions({ team: 'a.b' }))).toBe('transport.options.team');
    expect(field(() => parseNatsOptions({ stream: 'has space' }))).toBe('transport.options.stream');
    expect(field(() => parseNatsOptions({ servers: 'http://x:1' }))).toBe('transport.options.servers');
    expect(field(() => parseNatsOptions({ maxInFlight: 0 }))).toBe('transport.options.maxInFlight');
    expect(field(() => parseNatsOptions({ maxInFlight: 500, maxBufferedMessages: 100 }))).toBe('transport.options.maxInFlight');
    expect(field(() => parseNatsOptions({ server: '127.0.0.1:4222' }))).toBe('transport.options.server');
  });

  it('refuses topics that cannot be subject tokens', () => {
    expect(isValidTopic('movielog7')).toBe(true);
    expect(isValidTopic('a.b')).toBe(true);
    for (const bad of ['', 'a b', 'a*', '>', '.a', 'a.', 'a..b']) expect(isValidTopic(bad)).toBe(false);
  });
});

import { headers, MsgHdrsImpl } from '@nats-io/transport-node';
import { readKey, setKey, WireHeaders } from './key-header.js';

describe('message keys in headers', () => {
  it('come back exactly, including keys a plain header value would trim or refuse', () => {
    for (const key of ['601844', 'alice', ' padded ', '', 'a\r\nb', 'é 漢字']) {
      const h = headers();
      setKey(h, key);
      expect(readKey(h)).toBe(key);
    }
    expect(readKey(undefined)).toBeNull();
    expect(readKey(headers())).toBeNull();
  });

  it('are written as wire headers that nats.js parses back to the same key', () => {
    for (const key of ['601844', ' padded ', '', 'é 漢字']) {
      const wire = new TextDecoder().decode((WireHeaders.of('id-1', key) as unknown as { encode(): Uint8Array }).encode());
      expect(wire.startsWith('NATS/1.0\r\nNats-Msg-Id: id-1\r\n')).toBe(true);
      expect(wire.endsWith('\r\n\r\n')).toBe(true);
      expect(readKey(MsgHdrsImpl.decode(new TextEncoder().encode(wire)))).toBe(key);
    }
    expect(new TextDecoder().decode((WireHeaders.of(undefined, 'k') as unknown as { encode(): Uint8Array }).encode())).toBe(
      'NATS/1.0\r\nProdsim-Key: k\r\n\r\n',
    );
  });
});

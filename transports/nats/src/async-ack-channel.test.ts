import type { NatsConnection } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { AckTimeout, StreamRefusal } from './ack-channel.js';
import { AsyncAckChannel } from './async-ack-channel.js';

/** Records publishes; `reply(i, data, code)` answers the i-th on the inbox subscription. */
class InboxFake {
  callback: ((error: Error | null, msg: unknown) => void) | undefined;
  pattern = '';
  readonly sent: { subject: string; value: string; reply: string; headers: string }[] = [];

  get connection(): NatsConnection {
    return this as unknown as NatsConnection;
  }

  subscribe(pattern: string, opts: { callback: (error: Error | null, msg: unknown) => void }) {
    this.pattern = pattern;
    this.callback = opts.callback;
    return { unsubscribe: () => (this.callback = undefined) };
  }

  publish(subject: string, value: string, opts: { reply: string; headers: { encode(): Uint8Array } }): void {
    this.sent.push({ subject, value, reply: opts.reply, headers: new TextDecoder().decode(opts.headers.encode()) });
  }

  reply(i: number, data: string, code?: number): void {
    this.callback?.(null, {
      subject: this.sent[i].reply,
      data: new TextEncoder().encode(data),
      headers: code ? { code, description: 'No Responders' } : undefined,
    });
  }
}

function results() {
  const got: { error: unknown; duplicate?: boolean }[] = [];
  return { got, done: (error: unknown, duplicate?: boolean) => got.push({ error, duplicate }) };
}

describe('AsyncAckChannel (fake connection)', () => {
  it('publishes with a message id, the key and a reply on one inbox, and matches acknowledgements', () => {
    const nc = new InboxFake();
    const ch = new AsyncAckChannel(nc.connection, 1000);
    const r = results();
    ch.send('prodsim.t.log', 'v0', 'run-0', '601844', r.done);
    ch.send('prodsim.t.log', 'v1', 'run-1', ' odd key ', r.done);
    ch.send('prodsim.t.log', 'v2', 'run-2', null, r.done);
    expect(nc.pattern.endsWith('.*')).toBe(true);
    expect(nc.sent[0].headers).toBe('NATS/1.0\r\nNats-Msg-Id: run-0\r\nProdsim-Key: 601844\r\n\r\n');
    expect(nc.sent[1].headers).toContain('Prodsim-Key-Uri: %20odd%20key%20');
    expect(nc.sent[2].headers).toBe('NATS/1.0\r\nNats-Msg-Id: run-2\r\n\r\n');
    // As nats-server 2.9.10 writes them.
    nc.reply(1, '{"stream":"S", "seq":2,"duplicate": true}');
    nc.reply(0, '{"stream":"S", "seq":1}');
    nc.reply(2, '{"error":{"code":400,"err_code":10054,"description":"message size exceeds maximum allowed"}}');
    nc.reply(2, '{"stream":"S","seq":3}'); // a late second answer is ignored
    expect(r.got[0]).toEqual({ error: undefined, duplicate: true });
    expect(r.got[1]).toEqual({ error: undefined, duplicate: false });
    expect(r.got[2].error).toBeInstanceOf(StreamRefusal);
    expect(r.got).toHaveLength(3);
    ch.close();
  });

  it('reports no responders (JetStream not up) as a retriable failure', () => {
    const nc = new InboxFake();
    const ch = new AsyncAckChannel(nc.connection, 1000);
    const r = results();
    ch.send('s', 'v', 'id', null, r.done);
    nc.reply(0, '', 503);
    expect(String(r.got[0].error)).toMatch(/no responders/);
    expect(r.got[0].error).not.toBeInstanceOf(StreamRefusal);
    ch.close();
  });

  it('fails publishes that wait longer than the ack timeout, and what is left on close', async () => {
    const nc = new InboxFake();
    const ch = new AsyncAckChannel(nc.connection, 40);
    const r = results();
    ch.send('s', 'a', 'id-a', null, r.done);
    await new Promise((res) => setTimeout(res, 120));
    expect(r.got[0].error).toBeInstanceOf(AckTimeout);
    ch.send('s', 'b', 'id-b', null, r.done);
    ch.close();
    expect(String(r.got[1].error)).toMatch(/closed/);
    ch.send('s', 'c', 'id-c', null, r.done);
    expect(String(r.got[2].error)).toMatch(/closed/);
  });
});

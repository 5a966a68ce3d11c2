import { describe, expect, it } from 'vitest';
import { parseQueueUrl } from './queue-address.js';
import { JOB_PROTOCOL, decodeStatus, encodeJson, experimentKey, jobEnvelope, jobId, jobOf } from './queue-job.js';

describe('queue addresses', () => {
  it('take the servers and the queue from nats://host:port[/queue]', () => {
    expect(parseQueueUrl('nats://127.0.0.1:4222')).toMatchObject({
      servers: ['127.0.0.1:4222'],
      queue: 'default',
      stream: 'PRODSIM_EXP_default',
      jobs: 'prodsim.exp.default.jobs',
      statusBucket: 'prodsim-exp-default-units',
      resultBucket: 'prodsim-exp-default-results',
    });
    expect(parseQueueUrl('nats://a.lab,b.lab:4333/sweeps')).toMatchObject({ servers: ['a.lab:4222', 'b.lab:4333'], queue: 'sweeps' });
  });

  it('refuse anything else with a usage error naming the flag', () => {
    for (const bad of ['http://x:4222', 'nats://', 'nats://h:4222/a.b', 'nats://h:4222/q/r', '127.0.0.1:4222']) {
      expect(() => parseQueueUrl(bad, '--nats')).toThrow(
        expect.objectContaining({ code: 'PRODSIM_ERR_USAGE', message: expect.stringMatching(/^--nats takes nats:\/\/host:port\[\/queue\]/) }),
      );
    }
  });
});

describe('jobs', () => {
  const spec = { name: 'x', domain: 'toy', arms: [{ name: 'a', predictor: 'random' }] };

  it('are keyed by everything their results depend on', () => {
    const key = experimentKey(spec, [], false, '0.1.0');
    expect(key).toMatch(/^[0-9a-f]{24}$/);
    expect(experimentKey({ ...spec }, [], false, '0.1.0')).toBe(key);
    const others = [
      experimentKey({ ...spec, seed: '2' }, [], false, '0.1.0'),
      experimentKey(spec, ['file:///p/plugin.js'], false, '0.1.0'),
      experimentKey(spec, [], true, '0.1.0'),
      experimentKey(spec, [], false, '0.2.0'),
    ];
    expect(new Set([key, ...others]).size).toBe(5);
    expect(jobId(key, { replication: 3 })).toBe(`${key}.r3`);
    expect(jobId(key, { replication: 3, arm: 1 })).toBe(`${key}.r3a1`);
  });

  it('read their envelope first, so that a job of another protocol is still known by id and version', () => {
    const job = { protocol: JOB_PROTOCOL, prodsim: '0.1.0', id: 'k.r0', label: '0', specInput: spec, unit: { replication: 0 }, plugins: [], ackWaitMs: 30000 };
    const envelope = jobEnvelope(encodeJson(job))!;
    expect(jobOf(envelope)).toEqual(job);
    const future = jobEnvelope(encodeJson({ protocol: 99, prodsim: '9.0.0', id: 'k.r1', payload: 'another shape' }))!;
    expect(future).toMatchObject({ id: 'k.r1', protocol: 99, prodsim: '9.0.0' });
    expect(jobOf(future)).toBeUndefined();
    expect(jobEnvelope(new TextEncoder().encode('not json'))).toBeUndefined();
    expect(jobEnvelope(encodeJson({ id: 'k.r1' }))).toBeUndefined();
  });

  it('states read back, and a delete marker is no state', () => {
    expect(decodeStatus(encodeJson({ state: 'done', worker: 'w', raw: [] }))).toEqual({ state: 'done', worker: 'w', raw: [] });
    expect(decodeStatus(new Uint8Array())).toBeUndefined();
    expect(decodeStatus(encodeJson({ nothing: 1 }))).toBeUndefined();
  });
});

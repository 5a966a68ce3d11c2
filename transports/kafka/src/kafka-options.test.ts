import { ConfigError, ErrorCodes } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { parseKafkaOptions } from './kafka-options.js';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('Kafka transport options', () => {
  it('defaults to an idempotent producer with acks=-1 on 127.0.0.1:9092', () => {
    const o = parseKafkaOptions({ clientId: 'prodsim-movies-v1' });
    expect(o).toMatchObject({
      clientId: 'prodsim-movies-v1',
      brokers: ['127.0.0.1:9092'],
      acks: -1,
      idempotent: true,
      compression: 'none',
      partitions: 1,
      replication: 1,
      linger: 5,
    });
  });

  it('accepts brokers as a comma-separated string (flags, env) and durations with units', () => {
    const o = parseKafkaOptions({ brokers: '127.0.0.1:9092, kafka.local:19092', linger: '20ms', deliveryTimeout: '30s', partitions: '6', acks: 'all' });
    expect(o.brokers).toEqual(['127.0.0.1:9092', 'kafka.local:19092']);
    expect(o.linger).toBe(20);
    expect(o.deliveryTimeout).toBe(30_000);
    expect(o.partitions).toBe(6);
    expect(o.acks).toBe(-1);
  });

  it('names the field, the value and what is allowed', () => {
    const e = configError(() => parseKafkaOptions({ compression: 'snappy' }));
    expect(e.code).toBe(ErrorCodes.CONFIG_INVALID);
    expect(e.field).toBe('transport.options.compression');
    expect(e.message).toContain('"snappy"');
    expect(e.message).toContain('"gzip"');
    expect(configError(() => parseKafkaOptions({ brokers: 'localhost' })).field).toBe('transport.options.brokers');
    expect(configError(() => parseKafkaOptions({ brokers: ['127.0.0.1:70000'] })).field).toBe('transport.options.brokers');
    expect(configError(() => parseKafkaOptions({ partitions: 0 })).field).toBe('transport.options.partitions');
    expect(configError(() => parseKafkaOptions({ linger: 'soon' })).field).toBe('transport.options.linger');
  });

  it('rejects unknown fields (typos) and acks other than -1 for the idempotent producer', () => {
    expect(configError(() => parseKafkaOptions({ broker: '127.0.0.1:9092' })).field).toBe('transport.options.broker');
    const acks = configError(() => parseKafkaOptions({ acks: 1 }));
    expect(acks.field).toBe('transport.options.acks');
    expect(acks.allowed).toContain('idempotent');
    expect(parseKafkaOptions({ acks: 1, idempotent: false }).acks).toBe(1);
  });
});

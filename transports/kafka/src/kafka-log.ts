import { logLevel, type logCreator } from 'kafkajs';
import type { KafkaTransportOptions } from './kafka-options.js';

const LEVELS: Record<KafkaTransportOptions['logLevel'], logLevel> = {
  none: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

const NAMES: Record<number, string> = { [logLevel.ERROR]: 'ERROR', [logLevel.WARN]: 'WARN', [logLevel.INFO]: 'INFO', [logLevel.DEBUG]: 'DEBUG' };

export function kafkajsLogLevel(level: KafkaTransportOptions['logLevel']): logLevel {
  return LEVELS[level];
}

/**
 * kafkajs logs every retry of every request; by default none of it is shown (the transport reports
 * an outage and its end itself, once). With `logLevel` set, its lines go to `write` (stderr), one each.
 */
export function kafkajsLogCreator(write: (line: string) => void): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _t, logger: _l, ...extra } = log as Record<string, unknown>;
      const detail = Object.keys(extra).length > 0 ? ` ${JSON.stringify(extra)}` : '';
      write(`kafkajs ${NAMES[level] ?? level} [${namespace}] ${String(message)}${detail}`);
    };
}

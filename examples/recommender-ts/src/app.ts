import type { AddressInfo } from 'node:net';
import { Recommender, type RecommenderOptions } from './recommender.js';
import { buildService } from './service.js';
import { kafkaSource, type KafkaSourceOptions } from './sources/kafka-source.js';
import { natsSource, type NatsSourceOptions } from './sources/nats-source.js';
import type { StreamSource } from './sources/stream-source.js';

export interface AppOptions {
  /** Learn from Kafka (the course's setup) or NATS. */
  source: ({ kind: 'kafka' } & KafkaSourceOptions) | ({ kind: 'nats' } & NatsSourceOptions);
  port?: number;
  host?: string;
  logger?: boolean;
  model?: RecommenderOptions;
}

export interface RunningApp {
  readonly url: string;
  readonly recommender: Recommender;
  close(): Promise<void>;
}

/** Starts the stream consumer and the HTTP service; resolves once both are up. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const recommender = new Recommender(options.model);
  const onLine = (line: string) => recommender.handleLine(line);
  const src = options.source;
  const source: StreamSource = src.kind === 'kafka' ? kafkaSource(src, onLine) : natsSource(src, onLine);
  const app = buildService(recommender, { logger: options.logger });
  try {
    await Promise.all([source.ready, app.listen({ port: options.port ?? 8082, host: options.host ?? '127.0.0.1' })]);
  } catch (error) {
    await Promise.allSettled([source.close(), app.close()]);
    throw error;
  }
  const { address, port } = app.server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    recommender,
    close: async () => {
      await Promise.all([app.close(), source.close()]);
    },
  };
}

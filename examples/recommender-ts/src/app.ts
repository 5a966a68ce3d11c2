import type { AddressInfo } from 'node:net';
import { AudienceFilter } from './audience-filter.js';
import { EntityClient, type EntityClientOptions } from './entity-client.js';
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
  /** The course's entity API: with it, no R-rated movie goes to a user under 18 (ages and certificates fetched in bulk). */
  entityApi?: EntityClientOptions;
}

export interface RunningApp {
  readonly url: string;
  readonly recommender: Recommender;
  /** What the service learnt from the entity API (with `entityApi`). */
  readonly audience?: AudienceFilter;
  close(): Promise<void>;
}

/** Starts the stream consumer and the HTTP service; resolves once both are up. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const audience = options.entityApi ? new AudienceFilter(new EntityClient(options.entityApi)) : undefined;
  const recommender = new Recommender({ ...options.model, ...(audience ? { suits: (user, movie) => audience.suits(user, movie) } : {}) });
  const onLine = (line: string) => {
    const event = recommender.handleLine(line);
    if (event) audience?.observe(event);
  };
  const src = options.source;
  const source: StreamSource = src.kind === 'kafka' ? kafkaSource(src, onLine) : natsSource(src, onLine);
  const app = buildService(recommender, { logger: options.logger, audience });
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
    audience,
    close: async () => {
      await Promise.all([app.close(), source.close()]);
    },
  };
}

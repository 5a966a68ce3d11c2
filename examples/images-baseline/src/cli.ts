#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { Communities } from './communities.js';
import { FeatureCache } from './feature-cache.js';
import { ImagesLearner } from './learner.js';
import { BaselineService } from './service.js';
import { httpSource, kafkaSource } from './stream-sources.js';

const HELP = `Usage: images-baseline [options]

The example team service for prodsim's images world: reads the stream (from Kafka, or over HTTP
from prodsim's entity API with --stream), fetches each uploaded image from the entity API, learns
like and harm models, and answers POST /feed and POST /moderate.

  --port N          port to listen on (default 8082)
  --host H          address to listen on (default 127.0.0.1)
  --api URL         the world's entity API (default http://127.0.0.1:8080)
  --stream URL      read the stream over HTTP instead of Kafka, e.g. http://127.0.0.1:8080/stream
                    (course mode: http://HOST:8080/<team>/stream with --token)
  --token T         the team's API token for the stream (course mode)
  --brokers LIST    Kafka brokers (default 127.0.0.1:9092)
  --topic T         the world's topic (default imagelog)
  --no-stream       do not read the stream (serve and learn from moderate requests only)

Without a broker: prodsim run images --api-port 8080 --predictor http://127.0.0.1:8082, and
  images-baseline --stream http://127.0.0.1:8080/stream
With Kafka: prodsim run images --transport kafka --api-port 8080 --predictor http://127.0.0.1:8082`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8082' },
    host: { type: 'string', default: '127.0.0.1' },
    api: { type: 'string', default: 'http://127.0.0.1:8080' },
    brokers: { type: 'string', default: '127.0.0.1:9092' },
    topic: { type: 'string', default: 'imagelog' },
    stream: { type: 'string' },
    token: { type: 'string' },
    'no-stream': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const learner = new ImagesLearner(new FeatureCache(values.api), new Communities(values.api));
const service = await BaselineService.start(learner, Number(values.port), values.host);
const log = (message: string) => console.error(`images-baseline: ${message}`);
const onLine = (line: string) => learner.handle(line);
const source = values['no-stream']
  ? undefined
  : values.stream
    ? httpSource({ url: values.stream, token: values.token }, onLine, log)
    : kafkaSource({ brokers: values.brokers.split(','), topic: values.topic }, onLine, log);
const from = values.stream ?? `${values.topic} on ${values.brokers}`;
console.log(`images-baseline: serving ${service.url} (stream: ${source ? from : 'off'})`);
// The service answers from now on; the stream joins when it can (problems are logged, never fatal).
void source?.ready.then(() => log(`reading the stream from ${from}`));
const stop = async () => {
  await source?.close();
  await service.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

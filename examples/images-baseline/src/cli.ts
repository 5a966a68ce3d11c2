#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { Communities } from './communities.js';
import { FeatureCache } from './feature-cache.js';
import { ImagesLearner } from './learner.js';
import { BaselineService } from './service.js';
import { kafkaSource } from './stream-sources.js';

const HELP = `Usage: images-baseline [options]

The example team service for prodsim's images world: reads the stream from Kafka, fetches each
uploaded image from the entity API, learns like and harm models, and answers POST /feed and
POST /moderate.

  --port N          port to listen on (default 8082)
  --host H          address to listen on (default 127.0.0.1)
  --api URL         the world's entity API (default http://127.0.0.1:8080)
  --brokers LIST    Kafka brokers (default 127.0.0.1:9092)
  --topic T         the world's topic (default imagelog)
  --no-stream       do not read the stream (serve and learn from moderate requests only)

Then: prodsim run images --transport kafka --predictor http://127.0.0.1:8082 --api-port 8080`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8082' },
    host: { type: 'string', default: '127.0.0.1' },
    api: { type: 'string', default: 'http://127.0.0.1:8080' },
    brokers: { type: 'string', default: '127.0.0.1:9092' },
    topic: { type: 'string', default: 'imagelog' },
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
const source = values['no-stream'] ? undefined : kafkaSource({ brokers: values.brokers.split(','), topic: values.topic }, (line) => learner.handle(line));
await source?.ready;
console.log(`images-baseline: serving ${service.url} (stream: ${source ? `${values.topic} on ${values.brokers}` : 'off'})`);
const stop = async () => {
  await source?.close();
  await service.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { FeatureCache } from './feature-cache.js';
import { AudioLearner } from './learner.js';
import { BaselineService } from './service.js';
import { kafkaSource } from './stream-sources.js';

// audio-baseline --api http://127.0.0.1:8080 --brokers 127.0.0.1:9092 --topic audiolog --port 8090
const { values } = parseArgs({
  options: {
    api: { type: 'string', default: 'http://127.0.0.1:8080' },
    brokers: { type: 'string', default: '127.0.0.1:9092' },
    topic: { type: 'string', default: 'audiolog' },
    port: { type: 'string', default: '8090' },
  },
});
const learner = new AudioLearner(new FeatureCache(values.api!));
const source = kafkaSource({ brokers: values.brokers!.split(','), topic: values.topic! }, (line) => learner.handle(line));
const service = await BaselineService.start(learner, Number(values.port));
await source.ready;
process.stderr.write(`audio-baseline: ${service.url} (next, classify), learning from ${values.topic} on ${values.brokers}, clips from ${values.api}\n`);
const stop = async () => {
  await Promise.all([service.close(), source.close()]);
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

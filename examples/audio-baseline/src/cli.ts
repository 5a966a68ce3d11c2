#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { FeatureCache } from './feature-cache.js';
import { AudioLearner } from './learner.js';
import { BaselineService } from './service.js';
import { httpSource, kafkaSource } from './stream-sources.js';

// With Kafka:      audio-baseline --api http://127.0.0.1:8080 --brokers 127.0.0.1:9092 --topic audiolog --port 8090
// Without a broker: audio-baseline --api http://127.0.0.1:8080 --stream http://127.0.0.1:8080/stream --port 8090
//   (course mode: --stream http://HOST:8080/<team>/stream --token <the team's token>)
const { values } = parseArgs({
  options: {
    api: { type: 'string', default: 'http://127.0.0.1:8080' },
    brokers: { type: 'string', default: '127.0.0.1:9092' },
    topic: { type: 'string', default: 'audiolog' },
    stream: { type: 'string' },
    token: { type: 'string' },
    port: { type: 'string', default: '8090' },
  },
});
const learner = new AudioLearner(new FeatureCache(values.api!));
const log = (message: string) => process.stderr.write(`audio-baseline: ${message}\n`);
const onLine = (line: string) => learner.handle(line);
const source = values.stream
  ? httpSource({ url: values.stream, token: values.token }, onLine, log)
  : kafkaSource({ brokers: values.brokers!.split(','), topic: values.topic! }, onLine, log);
const service = await BaselineService.start(learner, Number(values.port));
const from = values.stream ?? `${values.topic} on ${values.brokers}`;
log(`${service.url} (next, classify), learning from ${from}, clips from ${values.api}`);
// The service answers from now on; the stream joins when it can (problems are logged, never fatal).
void source.ready.then(() => log(`reading the stream from ${from}`));
const stop = async () => {
  await Promise.all([service.close(), source.close()]);
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

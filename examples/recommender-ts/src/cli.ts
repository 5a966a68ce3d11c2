#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startApp } from './app.js';

const HELP = `Usage: recommender-ts [options]

Learns from the movielog stream and serves GET /recommend/:userid.

  --port N            HTTP port (default 8082, the course's)
  --host H            HTTP host (default 127.0.0.1)
  --source kafka|nats where the stream comes from (default kafka)
  --brokers LIST      Kafka brokers (default 127.0.0.1:9092)
  --topic T           Kafka topic (default movielog1)
  --from beginning|latest
                      replay the topic from its start (default) or only follow new lines
  --nats-servers LIST NATS servers (default 127.0.0.1:4222)
  --nats-subject S    NATS subject (default prodsim.default.movielog1)
  --entity-api URL    the course's entity API (e.g. http://127.0.0.1:8080, in course mode
                      http://host:8080/team01): no R-rated movie goes to a user under 18; ages
                      and certificates are fetched in bulk, waiting out 429s
  --entity-token T    the team's API token for it
  --log               log every HTTP request (fastify's logger)
`;

/** Bad usage exits 2 with the help; a failure to start (broker away) exits 1. */
function fail(message: string, code = 2): never {
  process.stderr.write(`recommender-ts: ${message}\n${code === 2 ? `\n${HELP}` : ''}`);
  process.exit(code);
}

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '8082' },
        host: { type: 'string', default: '127.0.0.1' },
        source: { type: 'string', default: 'kafka' },
        brokers: { type: 'string', default: '127.0.0.1:9092' },
        topic: { type: 'string', default: 'movielog1' },
        from: { type: 'string', default: 'beginning' },
        'nats-servers': { type: 'string', default: '127.0.0.1:4222' },
        'nats-subject': { type: 'string', default: 'prodsim.default.movielog1' },
        'entity-api': { type: 'string' },
        'entity-token': { type: 'string' },
        log: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    return fail((error as Error).message); // an unknown or malformed option
  }
}

const values = parseCommandLine();

if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got ${values.port}`);
if (values.source !== 'kafka' && values.source !== 'nats') fail(`--source must be kafka or nats, got ${values.source}`);
if (values.from !== 'beginning' && values.from !== 'latest') fail(`--from must be beginning or latest, got ${values.from}`);
const entityApi = values['entity-api'];
if (entityApi !== undefined && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(entityApi)) fail(`--entity-api must be an http:// URL, got ${entityApi}`);
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const app = await startApp({
  port,
  host: values.host,
  logger: values.log,
  ...(entityApi ? { entityApi: { baseUrl: entityApi.replace(/\/+$/, ''), token: values['entity-token'] } } : {}),
  source:
    values.source === 'kafka'
      ? { kind: 'kafka', brokers: list(values.brokers!), topic: values.topic!, from: values.from }
      : { kind: 'nats', servers: list(values['nats-servers']!), subject: values['nats-subject']! },
}).catch((error: unknown) => fail(`could not start: ${(error as Error)?.message ?? error}`, 1));

const from = values.source === 'kafka' ? `${values.topic} on ${values.brokers}` : `${values['nats-subject']} on ${values['nats-servers']}`;
process.stderr.write(`recommender-ts: serving ${app.url}/recommend/<userid>, learning from ${from}\n`);

const stop = async () => {
  await app.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

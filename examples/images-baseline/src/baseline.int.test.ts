import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { kafkaTransport } from '@prodsim/transport-kafka';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_WORLD, formatComparison, runBaseline, runWithService, StreamFigures, type CompareOptions } from './compare-run.js';
import { kafkaSource } from './stream-sources.js';

// End to end through Kafka (PRODSIM_BROKERS=1, dev broker from transports/kafka/dev-broker/start.sh
// on 127.0.0.1:9092): the world publishes with the Kafka transport, the example reads the topic
// with kafkajs, fetches PNGs from the entity API and answers feed and moderate over HTTP.
const BROKERS = ['127.0.0.1:9092'];
const run = `${process.pid}-${Date.now().toString(36)}`;
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const options: CompareOptions = {
  seed: 'images-baseline',
  days: 3,
  world: EXAMPLE_WORLD,
  transport: (which) => {
    const topic = `imagelog-e2e-${which}-${run}`;
    return { transport: kafkaTransport.create({ brokers: BROKERS, clientId: `images-e2e-${which}` }), topic };
  },
  source: (_transport, topic, onLine) => kafkaSource({ brokers: BROKERS, topic }, onLine),
};

describe('examples/images-baseline through Kafka', () => {
  it('learns from the Kafka stream and beats a random feed on like rate and an allow-all moderator on reports', async () => {
    const naive = await runBaseline(options);
    const learned = await runWithService(options);
    console.log(`images-baseline (kafka): ${formatComparison(learned, naive)}; learner ${JSON.stringify(learned.learner)}`);
    expect(learned.learner!.likeExamples).toBeGreaterThan(10_000);
    expect(learned.likeRate).toBeGreaterThan(naive.likeRate * 1.5);
    expect(learned.reportsPer1k).toBeLessThan(naive.reportsPer1k * 0.9);
  }, 600_000);

  it('the same through the commands a team runs: images-baseline, then prodsim run images --transport kafka --predictor --api-port', async () => {
    const apiPort = 18_000 + (process.pid % 1000);
    const servicePort = apiPort + 1000;
    const figures = async (name: string, extra: string[], predictor: boolean): Promise<ReturnType<StreamFigures['result']>> => {
      const topic = `imagelog-cli-${name}-${run}`;
      const stream = new StreamFigures();
      const source = kafkaSource({ brokers: BROKERS, topic }, (line) => stream.add(line));
      await source.ready;
      let service: ChildProcess | undefined;
      try {
        if (predictor) {
          service = spawn(
            process.execPath,
            [
              `${ROOT}examples/images-baseline/dist/cli.js`,
              '--port',
              String(servicePort),
              '--api',
              `http://127.0.0.1:${apiPort}`,
              '--topic',
              topic,
              '--brokers',
              BROKERS.join(','),
            ],
            { stdio: ['ignore', 'pipe', 'inherit'] },
          );
          await new Promise<void>((resolve, reject) => {
            service!.stdout!.on('data', (d: Buffer) => d.toString().includes('serving') && resolve());
            service!.once('exit', (code) => reject(new Error(`images-baseline exited with ${code}`)));
          });
        }
        const args = [
          'run',
          'images',
          '--days',
          '3',
          '--seed',
          'images-cli',
          '--transport',
          'kafka',
          '--no-progress',
          '--json',
          '--api-port',
          String(apiPort),
          '--set',
          `images.topic=${topic}`,
          ...extra,
        ];
        for (const [k, v] of Object.entries(EXAMPLE_WORLD)) args.push('--set', `images.${k}=${v}`);
        if (predictor) args.push('--predictor', `http://127.0.0.1:${servicePort}`);
        const cli = spawn(process.execPath, [`${ROOT}bin/prodsim.js`, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        cli.stdout!.on('data', (d: Buffer) => (out += d));
        const code = await new Promise<number | null>((resolve) => cli.once('exit', resolve));
        expect(code, out).toBe(0);
        const summary = JSON.parse(out) as { events: number };
        // Everything the run published has reached the consumer.
        for (let i = 0; i < 100; i++) {
          const r = stream.result();
          if (r.impressions > 0 && stream.lines >= summary.events) break;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        return stream.result();
      } finally {
        await source.close();
        if (service) {
          const exited = new Promise((resolve) => service!.once('exit', resolve));
          service.kill('SIGTERM');
          await exited;
        }
      }
    };
    const naive = await figures('naive', ['--set', 'images.defaultFeed=random', '--set', 'images.defaultModerator=allow-all'], false);
    const learned = await figures('service', [], true);
    console.log(`images-baseline (CLI + kafka): ${formatComparison(learned, naive)}`);
    expect(learned.feedOk).toBeGreaterThan(1000);
    expect(learned.likeRate).toBeGreaterThan(naive.likeRate * 1.5);
    expect(learned.reportsPer1k).toBeLessThan(naive.reportsPer1k * 0.9);
  }, 600_000);
});

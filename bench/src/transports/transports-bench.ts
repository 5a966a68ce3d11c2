/**
 * Transport benchmark: each prodsim transport against its raw client on the same messages, in the
 * same run, against the dev brokers (transports/kafka/dev-broker/start.sh,
 * transports/nats/dev-server/start.sh). Prints rates, the ratio transport/raw (must be >= 0.8),
 * Kafka's transactional rate (a run with --checkpoint) beside today's, and publish-to-consume
 * latency at a fixed moderate rate.
 *
 *   node bench/dist/transports/transports-bench.js [--messages 200000] [--rounds 5]
 *        [--only kafka,jetstream,core] [--latency-rate 5000] [--latency-seconds 5]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { Transport } from '@prodsim/core';
import { KafkaTransport, parseKafkaOptions } from '@prodsim/transport-kafka';
import { NatsTransport, parseNatsOptions, subjectFor } from '@prodsim/transport-nats';
import { Kafka, logLevel } from 'kafkajs';
import { formatNumber, machine, table } from '../report.js';
import { measureLatency, type LatencyResult } from './latency.js';
import { median, movieLines, type BenchMessage } from './messages.js';
import { rawCoreNats, rawJetStream, rawJetStreamAsync, rawKafka } from './raw-clients.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '5' },
    only: { type: 'string', default: 'kafka,jetstream,core' },
    'latency-rate': { type: 'string', default: '5000' },
    'latency-seconds': { type: 'string', default: '5' },
    kafka: { type: 'string', default: '127.0.0.1:9092' },
    nats: { type: 'string', default: '127.0.0.1:4222' },
  },
});
const N = Number(values.messages);
const ROUNDS = Number(values.rounds);
const ONLY = new Set(values.only.split(','));
const LAT_RATE = Number(values['latency-rate']);
const LAT_SECONDS = Number(values['latency-seconds']);
const BROKERS = values.kafka.split(',');
const SERVERS = values.nats.split(',');
const run = `${process.pid}-${Date.now().toString(36)}`;
let serial = 0;

const messages = movieLines(N);
const bytes = messages.reduce((a, m) => a + m.value.length + m.key.length, 0);

/** Publishes every message through a prodsim transport, honouring backpressure, then flushes. */
async function viaTransport(t: Transport, topic: string, ms: BenchMessage[]): Promise<void> {
  for (let i = 0; i < ms.length; i++) {
    const wait = t.publish(topic, ms[i].key, ms[i].value);
    if (wait) await wait;
  }
  await t.flush();
}

/** Rate in messages per wall second; also records the client's CPU time per message (µs) in `cpu`. */
async function timed(fn: () => Promise<void>, cpu: number[]): Promise<number> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / N);
  return (N * 1000) / ms;
}

/** Runs raw and prodsim once per round, alternating which goes first (the brokers slow down as they fill). */
async function rounds(row: Row, raw: () => Promise<void>, prodsim: () => Promise<void>, extra?: () => Promise<void>): Promise<void> {
  for (let r = 0; r < ROUNDS; r++) {
    const a = async () => void row.raw.push(await timed(raw, row.rawCpu));
    const b = async () => void row.prodsim.push(await timed(prodsim, row.prodsimCpu));
    if (r % 2 === 0) {
      await a();
      await b();
    } else {
      await b();
      await a();
    }
    await extra?.();
  }
}

interface Row {
  name: string;
  raw: number[];
  prodsim: number[];
  rawCpu: number[];
  prodsimCpu: number[];
  info?: { label: string; rates: number[] }[];
  target: number;
  latency?: LatencyResult;
  /** Kafka only: the transactional producer of a run with --checkpoint, each round beside the prodsim one. */
  transactional?: { rates: number[]; cpu: number[]; latency?: LatencyResult };
}

async function benchKafka(): Promise<Row> {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers: BROKERS, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const options = parseKafkaOptions({ brokers: BROKERS, clientId: 'bench-prodsim' });
  const transport = new KafkaTransport(options);
  await transport.connect();
  // A run with --checkpoint: the same transport in transactions (committed every transactionMs and at the buffer bound).
  const transactional = new KafkaTransport(options);
  transactional.continueRun(`bench-${run}`, 0);
  await transactional.connect();
  const fresh = async () => {
    const topic = `bench-${run}-${serial++}`;
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, replicationFactor: 1 }] });
    return topic;
  };
  // Warm-up: JIT, connections, metadata.
  await rawKafka(producer, await fresh(), messages.slice(0, 20_000), options.batchMessages);
  await viaTransport(transport, await fresh(), messages.slice(0, 20_000));
  await viaTransport(transactional, await fresh(), messages.slice(0, 20_000));
  const row: Row = {
    name: 'Kafka (idempotent, acks=-1)',
    raw: [],
    prodsim: [],
    rawCpu: [],
    prodsimCpu: [],
    target: 100_000,
    transactional: { rates: [], cpu: [] },
  };
  let a = await fresh();
  let b = await fresh();
  await rounds(
    row,
    () => rawKafka(producer, a, messages, options.batchMessages),
    () => viaTransport(transport, b, messages),
    async () => {
      const c = await fresh();
      row.transactional!.rates.push(await timed(() => viaTransport(transactional, c, messages), row.transactional!.cpu));
      a = await fresh();
      b = await fresh();
    },
  );
  row.latency = await measureLatency(transport, await fresh(), LAT_RATE, LAT_SECONDS);
  row.transactional!.latency = await measureLatency(transactional, await fresh(), LAT_RATE, LAT_SECONDS);
  await transport.close();
  await transactional.close();
  await producer.disconnect();
  await admin.disconnect();
  return row;
}

async function benchJetStream(): Promise<Row> {
  const team = `bench${process.pid}`;
  const options = parseNatsOptions({ servers: SERVERS, team, clientId: 'bench-prodsim' });
  const transport = new NatsTransport(options);
  await transport.connect(); // creates the stream PRODSIM_BENCH<pid>
  const nc = await connect({ servers: SERVERS, name: 'bench-raw' });
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  const topic = () => `bench${serial++}`;
  await rawJetStreamAsync(nc, subjectFor(options, topic()), messages.slice(0, 20_000), options.maxInFlight);
  await viaTransport(transport, topic(), messages.slice(0, 20_000));
  const row: Row = {
    name: 'NATS JetStream (acked, msg ids)',
    raw: [],
    prodsim: [],
    rawCpu: [],
    prodsimCpu: [],
    info: [
      { label: 'raw js.publish, pipelined, with ids and key', rates: [] },
      { label: 'raw js.publish, pipelined, bare', rates: [] },
    ],
    target: 100_000,
  };
  const cpu: number[] = [];
  await rounds(
    row,
    () => rawJetStreamAsync(nc, subjectFor(options, topic()), messages, options.maxInFlight),
    () => viaTransport(transport, topic(), messages),
    async () => {
      row.info![0].rates.push(await timed(() => rawJetStream(js, subjectFor(options, topic()), messages, options.maxInFlight, true), cpu));
      row.info![1].rates.push(await timed(() => rawJetStream(js, subjectFor(options, topic()), messages, options.maxInFlight, false), cpu));
      await jsm.streams.purge(options.stream);
    },
  );
  row.latency = await measureLatency(transport, topic(), LAT_RATE, LAT_SECONDS);
  await transport.close();
  await jsm.streams.delete(options.stream).catch(() => false);
  await nc.close();
  return row;
}

async function benchCoreNats(): Promise<Row[]> {
  const options = parseNatsOptions({ servers: SERVERS, mode: 'core', team: `bench${process.pid}`, clientId: 'bench-prodsim' });
  const transport = new NatsTransport(options);
  await transport.connect();
  const bare = new NatsTransport(
    parseNatsOptions({ servers: SERVERS, mode: 'core', team: `bench${process.pid}`, clientId: 'bench-prodsim-bare', keys: false }),
  );
  await bare.connect();
  const nc = await connect({ servers: SERVERS, name: 'bench-raw' });
  const subject = subjectFor(options, 'bench');
  await rawCoreNats(nc, subject, messages.slice(0, 20_000), true);
  await viaTransport(transport, 'bench', messages.slice(0, 20_000));
  const keyed: Row = { name: 'core NATS (keys in a header)', raw: [], prodsim: [], rawCpu: [], prodsimCpu: [], target: 500_000 };
  await rounds(
    keyed,
    () => rawCoreNats(nc, subject, messages, true),
    () => viaTransport(transport, 'bench', messages),
  );
  const keyless: Row = { name: 'core NATS (keys: false)', raw: [], prodsim: [], rawCpu: [], prodsimCpu: [], target: 500_000 };
  await rounds(
    keyless,
    () => rawCoreNats(nc, subject, messages, false),
    () => viaTransport(bare, 'bench', messages),
  );
  keyed.latency = await measureLatency(transport, 'latency', LAT_RATE, LAT_SECONDS);
  await transport.close();
  await bare.close();
  await nc.close();
  return [keyed, keyless];
}

async function main(): Promise<void> {
  console.log(
    `transports benchmark: ${formatNumber(N)} movie-like lines (${(bytes / N).toFixed(0)} bytes each with key), ${ROUNDS} rounds (raw and prodsim alternate going first); medians, ratio = median of each round's prodsim/raw; cpu = this process's CPU time per message; ${machine()}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const rows: Row[] = [];
  const benches: [string, () => Promise<Row | Row[]>][] = [
    ['kafka', benchKafka],
    ['jetstream', benchJetStream],
    ['core', benchCoreNats],
  ];
  for (const [name, bench] of benches) {
    if (!ONLY.has(name)) continue;
    try {
      rows.push(...[await bench()].flat());
    } catch (error) {
      console.error(`${name}: ${(error as Error).message} (is its dev broker running? see transports/*/dev-*/start.sh)`);
      process.exitCode = 1;
    }
  }
  console.log();
  console.log(
    table(
      ['transport', 'raw client msg/s', 'prodsim msg/s', 'ratio', '>= 0.8', 'raw cpu µs/msg', 'prodsim cpu µs/msg', 'aim msg/s', 'aim met'],
      rows.map((r) => {
        const raw = median(r.raw);
        const ps = median(r.prodsim);
        // Paired: each round's prodsim rate over the same round's raw rate (same broker state, same
        // neighbours on the machine), then the median; medians of the rates alone swing with both.
        const ratio = median(r.prodsim.map((x, i) => x / r.raw[i]));
        return [
          r.name,
          raw,
          ps,
          ratio.toFixed(2),
          ratio >= 0.8 ? 'yes' : 'NO',
          median(r.rawCpu).toFixed(2),
          median(r.prodsimCpu).toFixed(2),
          r.target,
          ps >= r.target ? 'yes' : raw < r.target ? 'no (raw client below too)' : 'no',
        ];
      }),
    ),
  );
  console.log();
  console.log(
    table(
      ['best round (least disturbed)', 'raw client msg/s', 'prodsim msg/s', 'ratio'],
      rows.map((r) => [r.name, Math.max(...r.raw), Math.max(...r.prodsim), (Math.max(...r.prodsim) / Math.max(...r.raw)).toFixed(2)]),
    ),
  );
  const txn = rows.filter((r) => r.transactional);
  if (txn.length > 0) {
    console.log();
    console.log(
      table(
        ['Kafka, a run with --checkpoint', 'prodsim msg/s (today)', 'transactional msg/s', 'ratio', '>= 0.8', 'transactional cpu µs/msg'],
        txn.map((r) => {
          const t = r.transactional!;
          // Paired as above: each round's transactional rate over the same round's prodsim rate.
          const ratio = median(t.rates.map((x, i) => x / r.prodsim[i]));
          return ['transactions (read_committed)', median(r.prodsim), median(t.rates), ratio.toFixed(2), ratio >= 0.8 ? 'yes' : 'NO', median(t.cpu).toFixed(2)];
        }),
      ),
    );
  }
  const info = rows.flatMap((r) => (r.info ?? []).map((i) => [i.label, median(i.rates)] as [string, number]));
  if (info.length > 0) {
    console.log();
    console.log(table(['for reference', 'msg/s'], info));
  }
  console.log();
  console.log(
    `rounds (msg/s): ${rows.map((r) => `${r.name}: raw ${r.raw.map((x) => formatNumber(x)).join(' / ')}; prodsim ${r.prodsim.map((x) => formatNumber(x)).join(' / ')}`).join('\n                ')}`,
  );
  console.log();
  console.log(
    table(
      ['publish-to-consume latency', 'rate msg/s', 'sent', 'received', 'p50 ms', 'p99 ms', 'max ms'],
      rows
        .flatMap((r) => [
          ...(r.latency ? [{ name: r.name, latency: r.latency }] : []),
          ...(r.transactional?.latency ? [{ name: 'Kafka transactional (read_committed)', latency: r.transactional.latency }] : []),
        ])
        .map(({ name, latency }) => [
          name,
          latency.rate,
          latency.sent,
          latency.received,
          latency.p50.toFixed(2),
          latency.p99.toFixed(2),
          latency.max.toFixed(2),
        ]),
    ),
  );
}

await main();

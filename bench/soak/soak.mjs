#!/usr/bin/env node
// A soak run (issue 16): a paced course run of 3 teams on NATS JetStream with checkpoints, two
// server restarts and one SIGKILL of prodsim followed by --resume. At the end it reads every
// team's subject back and compares it with the team's --out file: events, lost, duplicated; and
// prodsim's RSS every 10 s (it should stay flat). Not a test: it takes as long as it is told.
//
//   node bench/soak/soak.mjs                      # 20 minutes at speed 600 (8.3 simulated days)
//   node bench/soak/soak.mjs --minutes 3          # a short one
//   node bench/soak/soak.mjs --minutes 20 --users 5000 --speed 600
//
// It starts a nats-server of its own (port 14333, its own folder) with the dev-server scripts,
// and writes its report to <tmp>/soak.json as well as stdout. Build first: npx tsc -b.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const CLI = join(ROOT, 'bin/prodsim.js');
const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '20' },
    speed: { type: 'string', default: '600' },
    users: { type: 'string', default: '3000' },
    teams: { type: 'string', default: '3' },
    port: { type: 'string', default: '14333' },
  },
});
const minutes = Number(values.minutes);
const speed = Number(values.speed);
const teams = Array.from({ length: Number(values.teams) }, (_, i) => `team${String(i + 1).padStart(2, '0')}`);
const dir = mkdtempSync(join(tmpdir(), 'prodsim-soak-'));
const server = `127.0.0.1:${values.port}`;
const env = { ...process.env, PRODSIM_NATS_PORT: values.port, PRODSIM_NATS_DIR: join(dir, 'nats') };
const script = (name, ...args) => execFileSync(join(ROOT, 'transports/nats/dev-server', name), args, { stdio: 'inherit', env });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const started = Date.now();
const at = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

// The course: a secret seed in a file, paced, a checkpoint every simulated hour, one --out file per team.
writeFileSync(join(dir, 'seed'), 'soak-offering-secret-0123456789\n', { mode: 0o600 });
const days = (minutes * 60 * speed) / 86_400;
writeFileSync(
  join(dir, 'course.json'),
  JSON.stringify({
    domain: 'movies',
    seedFile: 'seed',
    speed,
    days,
    out: join(dir, 'events.log'),
    progress: false,
    movies: { users: Number(values.users) },
    checkpoint: { dir: join(dir, 'checkpoints'), every: '1h' },
    // The duplicate window covers the time from the crash to the resume (and then some).
    transport: { name: 'nats', options: { servers: server, team: 'soak', duplicateWindow: 1_800_000, ackTimeout: 2000 } },
    teams: teams.map((name) => ({ name })),
  }),
);

/** prodsim as a child: its RSS sampled every 10 s, its stdout kept. */
function prodsim(args) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => process.stderr.write(String(d).replace(/^(?=.)/gm, '  prodsim: ')));
  const done = new Promise((res) => child.on('close', (code, signal) => res({ code, signal, stdout })));
  return { child, done };
}

const rss = [];
let current;
const sampler = setInterval(() => {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${current.child.pid}/status`, 'utf8'))?.[1]);
    if (kb) rss.push({ atS: Math.round((Date.now() - started) / 1000), mb: Math.round(kb / 1024) });
  } catch {
    // between the kill and the resume
  }
}, 10_000);

script('start.sh', '--fresh');
console.log(
  `soak: ${teams.length} teams, ${values.users} users each, speed ${speed}, ${days.toFixed(2)} simulated days in about ${minutes} min; folder ${dir}`,
);
const wall = minutes * 60_000;
current = prodsim(['run', '--config', join(dir, 'course.json'), '--json']);
const first = current;
// The disruptions, at fixed shares of the wall time: a server restart, a SIGKILL and resume, another restart.
const plan = [
  [0.25, 'restart nats-server'],
  [0.5, 'SIGKILL prodsim, then --resume'],
  [0.75, 'restart nats-server'],
];
for (const [share, what] of plan) {
  await sleep(Math.max(0, started + share * wall - Date.now()));
  console.log(`soak: ${at()}: ${what}`);
  if (what.startsWith('restart')) {
    script('stop.sh', '--kill');
    await sleep(3000);
    script('start.sh');
  } else {
    first.child.kill('SIGKILL');
    await first.done;
    current = prodsim(['run', '--resume', join(dir, 'checkpoints'), '--json']);
  }
}
const result = await current.done;
clearInterval(sampler);
console.log(`soak: ${at()}: the run ended (exit ${result.code})`);
const summaries = JSON.parse(result.stdout);

// Read every team's topic back and compare it, line for line (as a multiset), with its --out file.
const nc = await connect({ servers: server });
const js = jetstream(nc);
const report = { minutes, speed, teams: [], rssMb: rss };
for (const [i, team] of teams.entries()) {
  const lines = readFileSync(join(dir, `events.${team}.log`), 'utf8')
    .split('\n')
    .slice(0, -1);
  const consumer = await js.consumers.get('PRODSIM_SOAK', { filter_subjects: `prodsim.soak.movielog${i + 1}`, deliver_policy: DeliverPolicy.All });
  const got = [];
  const messages = await consumer.consume({ max_messages: 1000 });
  let last = Date.now();
  const reading = (async () => {
    for await (const m of messages) {
      got.push(m.string());
      last = Date.now();
    }
  })();
  // Until every line came and 2 s passed quietly, or nothing more came for 30 s (then some are lost).
  while ((got.length < lines.length && Date.now() - last < 30_000) || Date.now() - last < 2000) await sleep(200);
  await messages.close();
  await reading.catch(() => {});
  const counts = new Map();
  for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
  for (const l of got) counts.set(l, (counts.get(l) ?? 0) - 1);
  let lost = 0;
  let duplicated = 0;
  for (const n of counts.values()) {
    if (n > 0) lost += n;
    else duplicated -= n;
  }
  const summary = summaries.find((s) => s.team === team)?.summary;
  report.teams.push({ team, events: summary?.events, inFile: lines.length, inStream: got.length, lost, duplicated, transport: summary?.transport });
}
await jetstreamManager(nc).then((m) => m.streams.delete('PRODSIM_SOAK').catch(() => false));
await nc.close();
script('stop.sh', '--purge');

const mb = rss.map((r) => r.mb);
report.rssSummary = mb.length ? { first: mb[0], min: Math.min(...mb), max: Math.max(...mb), last: mb.at(-1), samples: mb.length } : null;
writeFileSync(join(dir, 'soak.json'), JSON.stringify(report, null, 2));
for (const t of report.teams) console.log(`soak: ${t.team}: ${t.events} events, ${t.inStream} in the stream, lost ${t.lost}, duplicated ${t.duplicated}`);
console.log(`soak: RSS (MB) first/min/max/last ${JSON.stringify(report.rssSummary)}; every 10 s: ${mb.join(' ')}`);
console.log(`soak: report ${join(dir, 'soak.json')}`);
process.exitCode = report.teams.every((t) => t.lost === 0 && t.duplicated === 0 && t.events === t.inFile) ? 0 : 1;

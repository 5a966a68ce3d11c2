import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DEFAULT_THRESHOLDS, gradesCsv, gradesHtml, gradeTeam, type Thresholds } from '../course/log/grading.js';
import { HOUR_MS, TeamLog } from '../course/log/team-log.js';
import { ConfigError, ErrorCodes, ProdsimError } from '../errors.js';
import { print, type CliIo } from './cli-io.js';
import { courseInitCommand } from './course-init-command.js';
import type { RunCommandDeps } from './run-deps.js';

export const COURSE_HELP = `Usage: prodsim course report --log FILE|TOPIC [--log ...] --out DIR [options]

Grades each team from its stream alone, as the course's milestones do: status-200 answers in a
window, availability, the share of personalised answers, response-time percentiles, and model
updates seen as changes in the answers. Writes DIR/grades.csv and DIR/grades.html.

  --log [TEAM=]FILE|TOPIC  a team's stream: an event file (prodsim run --out) or a topic read
                        from its beginning (repeatable; the team is named by TEAM=, else by the
                        file or topic name)
  --from ISO, --to ISO  the simulated window (default: the whole stream, in whole hours)
  --out DIR             where the CSV and HTML go
  --transport NAME      where topics are read from (default kafka)
  --brokers LIST        Kafka brokers (default 127.0.0.1:9092)
  --idle-ms N           a topic is read until nothing came for this long (default 3000)
  --min-answers N       status-200 answers at least (default ${DEFAULT_THRESHOLDS.minAnswers})
  --min-availability X  share of requests answered with 200 at least (default ${DEFAULT_THRESHOLDS.minAvailability})
  --min-personalised X  share of answers no other user got that hour at least (default ${DEFAULT_THRESHOLDS.minPersonalised})
  --max-p99-ms N        99th percentile response time at most (default ${DEFAULT_THRESHOLDS.maxP99Ms})
  --min-updates N       days on which the most recommended movies changed at least (default ${DEFAULT_THRESHOLDS.minUpdates})

Exit status: 0 report written (whether teams passed or not), 1 a stream could not be read, 2 bad usage.`;

const OPTIONS = {
  log: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  out: { type: 'string' },
  transport: { type: 'string' },
  brokers: { type: 'string' },
  'idle-ms': { type: 'string' },
  'min-answers': { type: 'string' },
  'min-availability': { type: 'string' },
  'min-personalised': { type: 'string' },
  'max-p99-ms': { type: 'string' },
  'min-updates': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `prodsim course ...`: course staff's tools (`report` for now). */
export async function courseCommand(argv: string[], io: CliIo, deps: RunCommandDeps): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'init') return courseInitCommand(rest, io, deps.domains);
  if (sub === undefined || sub === '--help' || sub === '-h' || rest.includes('--help') || rest.includes('-h')) {
    print(io.stdout, COURSE_HELP);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'report')
    throw new ProdsimError(ErrorCodes.USAGE, `prodsim course has no "${sub}"; try prodsim course init --help or prodsim course report --help`);
  let values;
  try {
    values = parseArgs({ args: rest, options: OPTIONS, strict: true }).values;
  } catch (cause) {
    throw new ProdsimError(ErrorCodes.USAGE, `${(cause as Error).message} (see prodsim course report --help)`, { cause });
  }
  if (!values.log?.length) throw new ProdsimError(ErrorCodes.USAGE, 'which stream? --log FILE or --log TOPIC (repeatable; see prodsim course report --help)');
  if (!values.out) throw new ProdsimError(ErrorCodes.USAGE, 'where to? --out DIR (see prodsim course report --help)');
  const thresholds: Thresholds = {
    minAnswers: numberFlag('--min-answers', values['min-answers'], DEFAULT_THRESHOLDS.minAnswers, 0, Infinity),
    minAvailability: numberFlag('--min-availability', values['min-availability'], DEFAULT_THRESHOLDS.minAvailability, 0, 1),
    minPersonalised: numberFlag('--min-personalised', values['min-personalised'], DEFAULT_THRESHOLDS.minPersonalised, 0, 1),
    maxP99Ms: numberFlag('--max-p99-ms', values['max-p99-ms'], DEFAULT_THRESHOLDS.maxP99Ms, 0, Infinity),
    minUpdates: numberFlag('--min-updates', values['min-updates'], DEFAULT_THRESHOLDS.minUpdates, 0, Infinity),
  };
  const idleMs = numberFlag('--idle-ms', values['idle-ms'], 3000, 10, 600_000);
  const sources = values.log.map(parseSource);
  const logs: TeamLog[] = [];
  for (const source of sources) {
    const log = new TeamLog(source.team);
    if (source.file) await readFile(source.file, log);
    else await readTopic(source.topic!, log, { deps, transport: values.transport ?? 'kafka', brokers: values.brokers, idleMs });
    logs.push(log);
  }
  const known = logs.filter((l) => Number.isFinite(l.first));
  const from = values.from ? timeFlag('--from', values.from) : Math.floor(Math.min(...known.map((l) => l.first)) / HOUR_MS) * HOUR_MS;
  const to = values.to ? timeFlag('--to', values.to) : (Math.floor(Math.max(...known.map((l) => l.last)) / HOUR_MS) + 1) * HOUR_MS;
  if (!Number.isFinite(from) || !Number.isFinite(to))
    throw new ProdsimError(ErrorCodes.USAGE, 'the streams hold no timed line; give --from and --to, or other --log');
  if (to <= from) throw new ConfigError('--to', values.to, `a time after --from (${new Date(from).toISOString()})`);
  const grades = logs.map((log) => gradeTeam(log, from, to, thresholds));
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, 'grades.csv'), gradesCsv(grades));
  writeFileSync(join(values.out, 'grades.html'), gradesHtml(grades, thresholds, from, to));
  for (const g of grades) {
    const f = g.figures;
    const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : 'n/a');
    print(
      io.stdout,
      `${g.team.padEnd(16)} ${g.passed ? 'passed    ' : 'not passed'}  ${f.ok} answers, availability ${pct(f.availability)}, personalised ${pct(f.personalised)}, p99 ${f.latencyP99} ms, ${f.answerChanges} answer changes`,
    );
  }
  print(io.stderr, `grading report: ${join(values.out, 'grades.csv')}, ${join(values.out, 'grades.html')}`);
  return 0;
}

function parseSource(text: string): { team: string; file?: string; topic?: string } {
  const eq = text.indexOf('=');
  const label = eq > 0 && /^[A-Za-z0-9_-]+$/.test(text.slice(0, eq)) ? text.slice(0, eq) : undefined;
  const where = label ? text.slice(eq + 1) : text;
  if (existsSync(where)) return { team: label ?? basename(where).replace(/\.(log|txt)$/, ''), file: where };
  if (/^[A-Za-z0-9._-]+$/.test(where)) return { team: label ?? where, topic: where };
  throw new ProdsimError(ErrorCodes.USAGE, `--log ${JSON.stringify(text)}: no such file, and not a topic name`);
}

async function readFile(path: string, log: TeamLog): Promise<void> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line !== '') log.addText(line);
}

async function readTopic(topic: string, log: TeamLog, o: { deps: RunCommandDeps; transport: string; brokers?: string; idleMs: number }): Promise<void> {
  const transport = o.deps.transports.get(o.transport).create({ ...(o.brokers ? { brokers: o.brokers } : {}), clientId: 'prodsim-course-report' });
  await transport.connect();
  const subscription = transport.subscribe(topic, { from: 'beginning' });
  try {
    await subscription.ready;
    const iterator = subscription[Symbol.asyncIterator]();
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const idle = new Promise<'idle'>((resolve) => {
        timer = setTimeout(() => resolve('idle'), o.idleMs);
      });
      const next = await Promise.race([iterator.next(), idle]);
      clearTimeout(timer);
      if (next === 'idle' || next.done) break;
      log.addText(next.value.value);
    }
  } finally {
    await subscription.close();
    await transport.close();
  }
}

function numberFlag(flag: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max)
    throw new ConfigError(flag, text, `a number from ${min} to ${max === Infinity ? 'any size' : max}`);
  return n;
}

function timeFlag(flag: string, text: string): number {
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
  if (!Number.isFinite(ms)) throw new ConfigError(flag, text, 'an ISO-8601 date-time such as 2026-01-05T00:00:00Z');
  return ms;
}

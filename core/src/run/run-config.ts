import { s, type Infer, type Schema } from '../config/schema.js';
import { rateLimitSchema } from '../api/api-config.js';
import { teamsSchema } from '../course/course-config.js';
import { scenarioStepSchema } from '../scenario/scenario-step.js';
import { simulatedDurationSchema } from './simulated-duration.js';

/** `fast` (virtual clock), `realtime` (paced, speed 1) or N simulated seconds per wall second. */
export type Speed = 'fast' | number;

export const speedSchema = s.custom<Speed>(
  '"fast", "realtime", or a number > 0 of simulated seconds per wall second',
  (value) => {
    if (value === 'fast') return 'fast';
    if (value === 'realtime') return 1;
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    return Number.isFinite(n) && n > 0 ? n : undefined;
  },
  { default: 'fast', description: 'how simulated time relates to the wall clock' },
);

export const runConfigFields = {
  domain: s.string({
    pattern: /^[a-z][a-z0-9-]*(\/v[1-9][0-9]*)?$/,
    patternText: 'a domain name such as "movies" or "movies/v1"',
    description: 'which domain to simulate',
  }),
  seed: s.string({ default: '42', minLength: 1, description: 'run seed: the same seed and answers give the same event log' }),
  /** Read the seed from this file (`--seed-file`): course staff keep the secret apart from the shared configuration. */
  seedFile: s.string({ optional: true, minLength: 1, description: 'a file holding the run seed (course mode: a secret only staff can read)' }),
  days: s.number({ default: 7, min: 0, max: 36_500, description: 'simulated days to run' }),
  start: s.time({ default: '2026-01-05T00:00:00Z', description: 'simulated start time (UTC)' }),
  speed: speedSchema,
  maxEvents: s.number({ optional: true, integer: true, min: 1, description: 'stop after this many scheduler events' }),
  out: s.string({ optional: true, minLength: 1, description: 'also write every event, one per line, to this file' }),
  progress: s.boolean({ default: true, description: 'show a progress bar on a TTY' }),
  transport: s.object({
    name: s.string({ default: 'memory', pattern: /^[a-z][a-z0-9-]*$/, patternText: 'a transport name such as memory, kafka or nats' }),
    options: s.record({ description: 'options for the chosen transport' }),
  }),
  /** Course mode: one world per team, each with its own topic, prediction service and API token. */
  teams: s.array(teamsSchema.item, { optional: true, minItems: 1, maxItems: 500 }),
  /** The public entity API (also `--api-port`); course mode serves every team's world under /<team>/. */
  api: s.object({
    port: s.number({ optional: true, integer: true, min: 0, max: 65_535 }),
    host: s.string({ default: '127.0.0.1' }),
    /** Per client (team token, else address); 429 with Retry-After beyond it (README, "Entity API"). */
    rateLimit: rateLimitSchema,
    /** Course staff's token: the live dashboard (/staff) needs `Authorization: Bearer <staffToken>` or `?token=`. */
    staffToken: s.string({ optional: true, minLength: 8, description: "course staff's API token (at least 8 characters)" }),
  }),
  /** After the simulated span, keep the entity API serving the final world until a signal (`--linger`). */
  linger: s.boolean({ default: false, description: 'keep the entity API serving after the simulated span ends, until Ctrl-C' }),
  /** Plugin packages or paths (relative to the configuration file), loaded before the rest is validated. */
  plugins: s.array(s.string({ minLength: 1 }), { default: [], description: 'plugins: package names or paths' }),
  /** Checkpoints (`--checkpoint DIR --checkpoint-every 1d`): `prodsim run --resume DIR` continues from the newest. */
  checkpoint: s.object({
    dir: s.string({ optional: true, minLength: 1, description: 'write checkpoints to this folder' }),
    every: simulatedDurationSchema({ default: 86_400_000, min: 60_000, description: 'simulated time between checkpoints (default 1d)' }),
  }),
  /** "At day D, do X": stream and API faults, and the domain's own actions (taste shocks, attacks...). */
  scenario: s.array(scenarioStepSchema, { default: [] }),
  predictor: s.object({
    url: s.string({ optional: true, pattern: /^https?:\/\/[^\s/]+(\/\S*)?$/, patternText: 'an http:// URL such as http://127.0.0.1:8082' }),
    /** A built-in predictor instead of the domain's default ("default"): random, popularity, item-knn, mf (checked by the run command). */
    baseline: s.string({
      optional: true,
      pattern: /^[a-z][a-z0-9-]*$/,
      patternText: 'a built-in baseline such as default, random, popularity, item-knn or mf',
    }),
    deadlineMs: s.number({ optional: true, integer: true, min: 1, max: 60_000 }),
  }),
} as const;

const baseSchema = s.object(runConfigFields);
export type RunConfigBase = Infer<typeof baseSchema>;
export type RunConfig = RunConfigBase & { domainConfig: unknown };

/** The run schema for one domain: the common fields plus the domain's own section under its name. */
export function runSchemaFor(domainName: string, domainSchema: Schema<unknown>): Schema<Record<string, unknown>> {
  return s.object({ ...runConfigFields, [domainName]: domainSchema }) as unknown as Schema<Record<string, unknown>>;
}

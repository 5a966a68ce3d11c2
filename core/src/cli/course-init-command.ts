import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { teamSchema } from '../course/course-config.js';
import type { DomainRegistry } from '../domain/domain-registry.js';
import { ErrorCodes, ProdsimError } from '../errors.js';
import { print, type CliIo } from './cli-io.js';

export const COURSE_INIT_HELP = `Usage: prodsim course init DIR --teams NAME,NAME,... [--domain D] [--api-port N]

Starts a course offering: writes the staff folder DIR (0700; every file 0600, for staff only):
  seed          the offering's secret seed (256 random bits): every team's hidden world derives
                from it, so without it no student can rerun their team's world
  course.yaml   domain, seedFile: seed, the entity API with a staff token (/metrics, /staff and
                /docs need it; a team's token opens /docs and its own world), and every team
                with an API token of its own (add each team's predictor URL)
  tokens.csv    team,token: hand each team its own token
  worlds/       what the domain's hidden world needs beyond the seed, derived from the secret:
                for images and audio, the offering's ONNX world model (the committed default
                world is public), which course.yaml's images.worldModel (audio.worldModel) names
Run the course with: prodsim run --config DIR/course.yaml.

  --teams LIST    team names, comma-separated (letters, digits, _ and -)
  --domain D      the domain (default movies)
  --api-port N    the entity API's port (default 8080)

Exit status: 0 written, 2 bad usage (or DIR exists and is not empty: a secret is never overwritten).`;

const OPTIONS = { teams: { type: 'string' }, domain: { type: 'string' }, 'api-port': { type: 'string' } } as const;

/** A secret of 256 random bits as hex (node:crypto: a secret must not come from the run's seeded streams). */
function secret(bytes = 32): string {
  return randomBytes(bytes).toString('hex');
}

export async function courseInitCommand(argv: string[], io: CliIo, domains: DomainRegistry): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    print(io.stdout, COURSE_INIT_HELP);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (cause) {
    throw new ProdsimError(ErrorCodes.USAGE, `${(cause as Error).message} (see prodsim course init --help)`, { cause });
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new ProdsimError(ErrorCodes.USAGE, 'where? prodsim course init DIR --teams NAME,NAME (see prodsim course init --help)');
  if (!values.teams) throw new ProdsimError(ErrorCodes.USAGE, 'which teams? --teams team01,team02 (see prodsim course init --help)');
  const names = values.teams.split(',').map((t) => t.trim());
  names.forEach((name, i) => teamSchema.parse({ name }, `--teams[${i}]`));
  if (new Set(names).size !== names.length) throw new ProdsimError(ErrorCodes.USAGE, `--teams names a team twice: ${values.teams}`);
  const domain = values.domain ?? 'movies';
  if (!/^[a-z][a-z0-9-]*$/.test(domain)) throw new ProdsimError(ErrorCodes.USAGE, `--domain takes a domain name such as movies, got ${JSON.stringify(domain)}`);
  const plugin = domains.get(domain);
  const port = Number(values['api-port'] ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ProdsimError(ErrorCodes.USAGE, `--api-port takes a port 0-65535, got ${values['api-port']}`);

  const dir = resolve(io.cwd ?? process.cwd(), positionals[0]);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new ProdsimError(ErrorCodes.USAGE, `${dir} exists and is not empty: course init never overwrites an offering's secret; give a new folder`);
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const seed = secret();
  const file = (name: string, text: string) => writeFileSync(join(dir, name), text, { mode: 0o600, flag: 'wx' });
  file('seed', `${seed}\n`);
  let worlds = '';
  if (plugin.prepareOffering) {
    const worldsDir = join(dir, 'worlds');
    mkdirSync(worldsDir, { mode: 0o700 });
    const fields = await plugin.prepareOffering(seed, worldsDir);
    worlds = `${domain}: ${JSON.stringify(fields)}`;
  }
  const tokens = names.map((name) => ({ name, token: secret(16) }));
  const yaml = [
    `# prodsim course offering (written by prodsim course init): for staff only.`,
    `domain: ${domain}`,
    `seedFile: seed`,
    `speed: realtime`,
    `days: 90`,
    ...(worlds ? [worlds] : []),
    `api: { port: ${port}, staffToken: "${secret(16)}" }`,
    `teams:`,
    ...tokens.map(({ name, token }) => `  - { name: ${name}, token: "${token}" }   # add predictor: "http://<host>:<port>"`),
    '',
  ].join('\n');
  file('course.yaml', yaml);
  file('tokens.csv', `team,token\n${tokens.map(({ name, token }) => `${name},${token}`).join('\n')}\n`);
  const written = [join(dir, 'seed'), join(dir, 'course.yaml'), join(dir, 'tokens.csv'), ...(worlds ? [join(dir, 'worlds')] : [])];
  print(io.stdout, `wrote ${written.join(', ')} (staff only: 0600 files in 0700 folders)`);
  print(io.stdout, `run the course with: prodsim run --config ${join(dir, 'course.yaml')}`);
  return 0;
}

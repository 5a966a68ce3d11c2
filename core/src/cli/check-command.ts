import { parseArgs } from 'node:util';
import { ErrorCodes, ProdsimError } from '../errors.js';
import { loadPlugins } from '../plugin/load-plugins.js';
import { runSuite, type CheckResult, type ConformanceSuite } from '../testing/conformance-check.js';
import { domainConformance } from '../testing/domain-checks.js';
import { transportConformance } from '../testing/transport-checks.js';
import { print, type CliIo } from './cli-io.js';

export const CHECK_HELP = `Usage: prodsim check <plugin> [options]

Runs the conformance suites over every domain and transport a plugin brings (no test runner
needed) and prints one line per check: pass, or FAIL with the reason. Domains run the small world
of their \`conformance\` hints; transports connect with the options given here.

<plugin>: a package name (found in this folder's node_modules) or a path to the plugin.

Options:
  --transport-option KEY=VALUE
                   an option for the transports under test, e.g. brokers=127.0.0.1:9092 (repeatable)
  --messages N     messages per transport check (default 3000)
  -h, --help       this help

Exit status: 0 every check passed, 1 a check failed, 2 bad usage or no such plugin.`;

/** \`prodsim check <plugin>\`: the conformance suites over what a plugin brings. */
export async function checkCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'transport-option': { type: 'string', multiple: true }, messages: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (cause) {
    throw new ProdsimError(ErrorCodes.USAGE, `${(cause as Error).message} (see prodsim check --help)`, { cause });
  }
  const { values, positionals } = parsed;
  if (values.help) {
    print(io.stdout, CHECK_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new ProdsimError(ErrorCodes.USAGE, 'expected one plugin: prodsim check <package name or path> (see prodsim check --help)');
  const messages = values.messages === undefined ? undefined : Number(values.messages);
  if (messages !== undefined && !(Number.isInteger(messages) && messages > 0))
    throw new ProdsimError(ErrorCodes.USAGE, `--messages takes a whole number > 0, got ${values.messages}`);
  const transportOptions = Object.fromEntries((values['transport-option'] ?? []).map(keyValue));

  const [{ plugin }] = await loadPlugins([{ specifier: positionals[0], from: io.cwd ?? process.cwd(), source: 'prodsim check' }]);
  const domains = plugin.domains ?? [];
  const transports = plugin.transports ?? [];
  print(io.stdout, `prodsim check: ${plugin.name} ${plugin.version} (${count(domains.length, 'domain')}, ${count(transports.length, 'transport')})`);
  const suites: ConformanceSuite[] = [
    ...domains.map((domain) => domainConformance(domain)),
    ...transports.map((factory) => transportConformance(factory.name, () => factory.create({ ...transportOptions, clientId: 'prodsim-check' }), { messages })),
  ];
  if (suites.length === 0) {
    print(io.stdout, 'nothing to check: the plugin brings no domain and no transport');
    return 0;
  }
  const results: CheckResult[] = [];
  for (const suite of suites) {
    print(io.stdout, suite.name);
    results.push(...(await runSuite(suite, (r) => print(io.stdout, line(r)))));
  }
  const failed = results.filter((r) => !r.ok).length;
  print(io.stdout, `${count(results.length, 'check')}: ${results.length - failed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

function line(result: CheckResult): string {
  const ms = `(${result.ms < 1000 ? `${Math.round(result.ms)} ms` : `${(result.ms / 1000).toFixed(1)} s`})`;
  if (result.ok) return `  pass  ${result.check}${result.reason ? ` [${result.reason}]` : ''} ${ms}`;
  return `  FAIL  ${result.check}: ${result.reason} ${ms}`;
}

function keyValue(text: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new ProdsimError(ErrorCodes.USAGE, `--transport-option takes KEY=VALUE, got ${JSON.stringify(text)}`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

import { PassThrough } from 'node:stream';
import { toyDomain } from '@prodsim/domain-toy';
import { describe, expect, it } from 'vitest';
import { DomainRegistry } from '../domain/domain-registry.js';
import { TransportRegistry } from '../transport/transport-registry.js';
import { runCli } from './cli.js';
import { gymCommand } from './gym-command.js';

/** An output line of the protocol, as far as these tests read it. */
interface Line {
  type: string;
  code?: string;
  message?: string;
  observation: { candidates: number[]; history: number[] };
  info: { step: number; next: number; outcome?: string };
}

/** Runs `prodsim gym ARGS` with these input lines; returns the exit status and the output lines. */
async function gym(args: string[], input: string[]): Promise<{ code: number; lines: Line[]; stderr: string }> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const domains = new DomainRegistry().register(toyDomain);
  const deps = { domains, transports: new TransportRegistry(), commands: { gym: gymCommand({ domains, transports: new TransportRegistry(), stdin }) } };
  stdin.end(input.map((l) => `${l}\n`).join(''));
  const code = await runCli(['gym', ...args], { stdout, stderr, env: {} }, deps);
  return {
    code,
    lines: out
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line),
    stderr: err,
  };
}

describe('prodsim gym', () => {
  it('says hello with the spaces, answers reset and step, reports a bad message and goes on', async () => {
    const { code, lines } = await gym(
      ['toy', '--users', '20', '--days', '1', '--reward', 'chosen', '--candidates', '10', '--history', '2'],
      ['{"op":"step","items":[1]}', '{"op":"reset","seed":"3"}', '{"op":"step","items":[1,2]}', 'not json', '{"op":"step","items":[2]}', '{"op":"close"}'],
    );
    expect(code).toBe(0);
    expect(lines.map((l) => l.type)).toEqual(['hello', 'error', 'step', 'step', 'error', 'step']);
    expect(lines[0]).toMatchObject({ domain: 'toy/v1', endpoint: 'suggest', candidates: 10, history: 2, reward: 'chosen', seed: '42' });
    expect(lines[1]).toMatchObject({ code: 'PRODSIM_ERR_USAGE', message: expect.stringContaining('step before reset') });
    expect(lines[2].observation.candidates).toHaveLength(10);
    expect(lines[2].observation.history).toEqual([-1, -1]);
    expect(lines[3].info).toMatchObject({ step: 0, next: 1, outcome: 'ok' });
    expect(lines[4].message).toContain('not a JSON message');
    expect(lines[5].info.step).toBe(1);
  });

  it('replays: the same seed and actions give the same lines in a new process state', async () => {
    const input = ['{"op":"reset","seed":"11"}', ...Array.from({ length: 15 }, (_, i) => `{"op":"step","items":[${i % 7},${(i * 3) % 11}]}`)];
    const a = await gym(['toy', '--users', '15'], input);
    const b = await gym(['toy', '--users', '15'], input);
    expect(a.lines).toHaveLength(17);
    expect(b.lines).toEqual(a.lines);
  });

  it('refuses what does not apply to stepping, and bad options, with usage errors (exit 2)', async () => {
    const speed = await gym(['toy', '--speed', 'realtime'], []);
    expect(speed.code).toBe(2);
    expect(speed.stderr).toContain('--speed does not apply');
    const reward = await gym(['toy', '--reward', 'clicks'], []);
    expect(reward.code).toBe(2);
    expect(reward.stderr).toContain('reward = "clicks"; allowed: chosen, engagement, value');
    const unknown = await gym(['nosuch'], []);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('PRODSIM_ERR_DOMAIN_UNKNOWN');
  });
});

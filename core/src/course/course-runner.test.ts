import { toyDomain } from '@prodsim/domain-toy';
import { describe, expect, it } from 'vitest';
import { s } from '../config/schema.js';
import { ErrorCodes } from '../errors.js';
import { runConfigFields } from '../run/run-config.js';
import { MemoryTransport } from '../transport/memory-transport.js';
import { teamsSchema } from './course-config.js';
import { Course, teamFile } from './course-runner.js';

const config = s.object(runConfigFields).parse({ domain: 'toy', days: 1, seed: 'course' }, '');
const plugin = {
  ...toyDomain,
  forTeam: (c: { topic: string }, team: { index: number }) => ({ ...c, topic: `toylog${team.index}` }),
};

async function collect(teams: string[]) {
  const transport = new MemoryTransport();
  const subs = teams.map((_, i) => transport.subscribe(`toylog${i + 1}`));
  const logs = subs.map(async (sub) => {
    const lines: string[] = [];
    for await (const m of sub) lines.push(m.value);
    return lines;
  });
  const course = new Course({
    config,
    domainConfig: plugin.config.parse({ users: 100 }, 'toy'),
    plugin,
    teams: teamsSchema.parse(
      teams.map((name) => ({ name })),
      'teams',
    ),
    transport,
  });
  const summaries = await course.run();
  return { summaries, logs: await Promise.all(logs) };
}

describe('Course', () => {
  it('runs one world per team on its own topic, each deterministic regardless of the other teams', async () => {
    const two = await collect(['alpha', 'beta']);
    const three = await collect(['alpha', 'beta', 'gamma']);
    expect(two.summaries.map((s) => s.team)).toEqual(['alpha', 'beta']);
    for (const [i, summary] of two.summaries.entries()) {
      expect(two.logs[i].length).toBe(summary.summary.events);
      expect(two.logs[i].length).toBeGreaterThan(50);
    }
    // Different seeds per team: different worlds.
    expect(two.logs[0]).not.toEqual(two.logs[1]);
    // A team's world does not depend on who else takes part.
    expect(three.logs[0]).toEqual(two.logs[0]);
    expect(three.logs[1]).toEqual(two.logs[1]);
  });

  it('refuses duplicate team names with a configuration error', () => {
    expect(
      () =>
        new Course({ config, domainConfig: {}, plugin, teams: teamsSchema.parse([{ name: 'a' }, { name: 'a' }], 'teams'), transport: new MemoryTransport() }),
    ).toThrowError(expect.objectContaining({ code: ErrorCodes.CONFIG_INVALID }));
  });

  it('gives each team its own event file', () => {
    expect(teamFile('out/events.log', 'team01')).toBe('out/events.team01.log');
    expect(teamFile('events', 'team01')).toBe('events.team01');
  });
});

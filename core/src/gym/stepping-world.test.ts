import { toyDomain } from '@prodsim/domain-toy';
import { describe, expect, it } from 'vitest';
import { s } from '../config/schema.js';
import type { DomainPlugin } from '../domain/domain-plugin.js';
import { runConfigFields } from '../run/run-config.js';
import { parseScenario } from '../scenario/scenario-step.js';
import { SteppingWorld, type StepReply, type SteppingOptions } from './stepping-world.js';
import type { RewardKind } from './step-rewards.js';

function options(reward: RewardKind = 'chosen', domainConfig: Record<string, unknown> = { users: 30, items: 40, sessionsPerDay: 2 }): SteppingOptions {
  const config = s.object(runConfigFields).parse({ domain: 'toy', days: 1, progress: false }, '');
  return { plugin: toyDomain, config, domainConfig: toyDomain.config.parse(domainConfig, 'toy'), reward, candidates: 100, history: 3 };
}

/** A policy that depends on the observation only: the candidates rotated by the user's index. */
function policy(reply: StepReply): number[] {
  const o = reply.observation!;
  return [0, 1, 2, 3, 4].map((i) => o.candidates[(o.user + i * 7) % o.candidates.length]);
}

async function episode(seed: string, reward: RewardKind = 'chosen'): Promise<StepReply[]> {
  const world = await SteppingWorld.create(options(reward), seed);
  const replies = [await world.start()];
  while (replies.at(-1)!.observation) replies.push(await world.step(policy(replies.at(-1)!)));
  await world.close();
  return replies;
}

describe('SteppingWorld (the step protocol)', () => {
  it('declares its spaces from the world: the slate endpoint, candidates capped at the catalogue', async () => {
    const world = await SteppingWorld.create(options(), '1');
    expect(world.spaces).toMatchObject({
      domain: 'toy/v1',
      endpoint: 'suggest',
      slateSize: 5,
      candidates: 40,
      history: 3,
      users: 30,
      items: 40,
      userFeatures: ['consumed'],
      itemFeatures: ['consumed'],
    });
    await world.close();
  });

  it('the same seed and the same actions give the same trajectory; another seed another', async () => {
    const a = await episode('7');
    const b = await episode('7');
    const c = await episode('8');
    expect(a.length).toBeGreaterThan(20);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it("rewards each step with what came of its own slate, and the next observation is the next request's", async () => {
    const replies = await episode('3');
    let recommended = 0;
    for (let i = 1; i < replies.length; i++) {
      const { info, reward } = replies[i];
      // toy users react at the decision time: each step is resolved in its own reply.
      expect(info.step).toBe(i - 1);
      expect(info.resolved.map((r) => r.step)).toEqual([i - 1]);
      expect(reward).toBe(info.resolved[0].recommended ? 1 : 0);
      if (info.resolved[0].recommended) recommended++;
      expect(info.resolved[0].user).toBe(replies[i - 1].observation!.user);
      if (replies[i].observation) expect(info.next).toBe(i);
    }
    expect(recommended).toBeGreaterThan(0);
    expect(recommended).toBeLessThan(replies.length - 1);
  });

  it("keeps each user's history of consumed items, most recent first", async () => {
    const replies = await episode('4');
    const consumed = new Map<number, number[]>();
    for (let i = 1; i < replies.length; i++) {
      for (const r of replies[i].info.resolved) consumed.set(r.user, [r.item, ...(consumed.get(r.user) ?? [])]);
      const o = replies[i].observation;
      if (!o) continue;
      const expected = [...(consumed.get(o.user) ?? []), -1, -1, -1].slice(0, 3);
      expect(o.history).toEqual(expected);
      expect(o.userFeatures[0]).toBe(consumed.get(o.user)?.length ?? 0);
    }
  });

  it('ends the episode at the end of the span: truncated, no observation, and stays ended', async () => {
    const world = await SteppingWorld.create(options(), '5');
    let reply = await world.start();
    while (reply.observation) reply = await world.step(policy(reply));
    expect(reply).toMatchObject({ observation: null, terminated: false, truncated: true });
    expect(reply.info.end?.reason).toBe('until');
    expect(await world.step([1])).toMatchObject({ observation: null, truncated: true, reward: 0 });
    await world.close();
  });

  it('an action the endpoint cannot take is dropped or malformed, as from any service', async () => {
    const world = await SteppingWorld.create(options(), '6');
    await world.start();
    const dropped = await world.step([999, 1, 1]);
    expect(dropped.info).toMatchObject({ outcome: 'ok', dropped: 1 });
    const none = await world.step([]);
    expect(none.info.outcome).toBe('ok');
    expect(none.info.resolved[0].recommended).toBe(false);
    await world.close();
  });

  it('shows the hidden value only when it is the reward', async () => {
    const chosen = JSON.stringify(await episode('9', 'chosen'));
    const value = await episode('9', 'value');
    expect(chosen).not.toContain('"value"');
    const resolved = value.flatMap((r) => r.info.resolved);
    expect(resolved.length).toBeGreaterThan(20);
    for (const r of resolved) {
      expect(r.value).toBeTypeOf('number');
      expect(r.reward).toBe(r.recommended ? r.value : 0);
    }
  });
});

describe('SteppingWorld with a scenario', () => {
  it("applies the run's timeline while it is stepped", async () => {
    const applied: number[] = [];
    let now = () => 0;
    const marked: DomainPlugin = {
      ...toyDomain,
      scenarioActions: { mark: { description: 'records when it is applied', params: s.object({}) } },
      create(ctx, config) {
        now = () => ctx.scheduler.now;
        return { ...toyDomain.create(ctx, config), applyScenario: () => applied.push(now()) };
      },
    };
    const base = options();
    const config = { ...base.config, scenario: parseScenario([{ day: 0.5, action: 'mark' }], marked, 1) };
    const world = await SteppingWorld.create({ ...base, plugin: marked, config }, '2');
    let reply = await world.start();
    while (reply.observation) reply = await world.step(policy(reply));
    expect(applied).toEqual([Date.parse('2026-01-05T12:00:00Z')]);
  });
});

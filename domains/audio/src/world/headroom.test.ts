import { MemoryTransport, runConfigFields, s, Simulation, type AnswerValue, type DomainPlugin } from '@prodsim/core';
import { CaptureOutput, withoutHeadroom } from '@prodsim/core/testing';
import type { FeedRanking, FeedRequest } from '@prodsim/media';
import { describe, expect, it } from 'vitest';
import { audioDomain } from '../audio-domain.js';
import { SMALL_WORLD } from '../testing/small-world.js';

async function run(plugin: DomainPlugin, onQueue?: (value: AnswerValue<FeedRequest, FeedRanking>, user: number, queue: number[]) => void) {
  const config = s.object(runConfigFields).parse({ domain: 'audio', seed: 'headroom', days: 1, progress: false }, '');
  const capture = new CaptureOutput();
  let value: AnswerValue<FeedRequest, FeedRanking> | undefined;
  const sim = new Simulation({
    config,
    domainConfig: audioDomain.config.parse({ ...SMALL_WORLD, users: 300 }, 'audio'),
    plugin,
    transport: new MemoryTransport(),
    outputs: [capture],
    observer: { slate: (_t, user, items) => onQueue?.(value!, user, Array.from(items)), interaction() {}, outcome() {} },
  });
  value = (await sim.init()).probe?.answerValues?.next;
  const summary = await sim.run();
  const events = capture.events.map((e) => JSON.parse(e.value) as { kind: string; complete?: boolean });
  return { summary, lines: capture.events.map((e) => e.value), events };
}

describe('audio headroom', () => {
  it("values a queue as its expected listen-throughs: summed over a run's queues, the clips played to the end", async () => {
    let expected = 0;
    let queues = 0;
    const { events, summary } = await run(audioDomain, (value, user, queue) => {
      expected += value.value({ user, candidates: queue }, undefined);
      queues++;
    });
    const completes = events.filter((e) => e.kind === 'play' && e.complete).length;
    expect(queues).toBeGreaterThan(100);
    expect(completes).toBeGreaterThan(300);
    expect(Math.abs(expected - completes) / completes).toBeLessThan(0.1);
    const next = summary.endpoints!.next.headroom!;
    expect(next.oracle).toBeGreaterThan(next.service);
    expect(next.service).toBeGreaterThan(next.random);
    const classify = summary.endpoints!.classify.headroom!;
    expect(classify.oracle).toBe(1);
    expect(classify.service).toBeLessThan(1);
  });

  it('changes nothing in the world: the event log is the same without headroom', async () => {
    const a = await run(audioDomain);
    const b = await run(withoutHeadroom(audioDomain));
    expect(b.summary.endpoints!.next.headroom).toBeUndefined();
    expect(a.summary.endpoints!.next.headroom!.requests).toBeGreaterThan(50);
    expect(b.lines.length).toBe(a.lines.length);
    expect(b.lines.join('\n') === a.lines.join('\n')).toBe(true);
  });
});

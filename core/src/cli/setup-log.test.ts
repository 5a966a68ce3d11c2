import { describe, expect, it } from 'vitest';
import { SetupLog } from './setup-log.js';

describe('SetupLog', () => {
  it("says each line of the teams' setup once, then every line as it comes", () => {
    const out: string[] = [];
    const log = new SetupLog((line) => out.push(line));
    for (const team of ['team01', 'team02', 'team03']) {
      log.log('warning: the public world');
      log.log(`checkpoints of ${team}`);
    }
    log.started();
    log.log('scenario step');
    log.log('scenario step');
    log.log('warning: the public world');
    expect(out).toEqual([
      'warning: the public world',
      'checkpoints of team01',
      'checkpoints of team02',
      'checkpoints of team03',
      'scenario step',
      'scenario step',
      'warning: the public world',
    ]);
  });
});

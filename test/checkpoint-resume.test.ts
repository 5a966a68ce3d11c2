import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// SIGKILL at several moments, then --resume: the --out log and the final summary must be the
// uninterrupted run's, byte for byte. Real processes (the compiled dist/), real signals, and no
// sleeps: each kill waits for a condition on the files the run writes (watched, not polled).
const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/prodsim.js');
const RUN = ['run', 'movies', '--users', '6000', '--days', '3', '--seed', '5', '--no-progress', '--out', 'events.log'];
const CHECKPOINTS = ['--checkpoint', 'ckpt', '--checkpoint-every', '6h'];

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(args: string[], cwd: string): { child: ChildProcess; done: Promise<Finished> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/**
 * Runs until a file event in `cwd` (recursively) satisfies `when`, then SIGKILLs the process on the
 * spot; resolves with the name that triggered it (undefined if the run ended first).
 */
async function killWhen(args: string[], cwd: string, when: (name: string, event: string) => boolean): Promise<string | undefined> {
  const { child, done } = start(args, cwd);
  let trigger: string | undefined;
  const watcher = watch(cwd, { recursive: true }, (event, name) => {
    if (trigger !== undefined || name === null || !when(name, event)) return;
    trigger = name;
    child.kill('SIGKILL');
  });
  try {
    const end = await done;
    if (trigger !== undefined) expect(end.signal).toBe('SIGKILL');
    return trigger;
  } finally {
    watcher.close();
  }
}

/** The summary without the lines that depend on the wall clock. */
const simulated = (summary: string) =>
  summary
    .split('\n')
    .filter((line) => !/^(wall time|events\/s)/.test(line))
    .join('\n');

const checkpointFiles = (cwd: string) => (existsSync(join(cwd, 'ckpt', 'world')) ? readdirSync(join(cwd, 'ckpt', 'world')) : []);

describe('SIGKILL, then --resume: the uninterrupted run, byte for byte', { timeout: 600_000 }, () => {
  let reference: { log: Buffer; summary: string };

  beforeAll(async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'prodsim-resume-ref-'));
    const run = await start(RUN, cwd).done;
    expect(run.code, run.stderr).toBe(0);
    reference = { log: readFileSync(join(cwd, 'events.log')), summary: simulated(run.stdout) };
    expect(reference.log.length).toBeGreaterThan(1_000_000);
  });

  async function resume(cwd: string): Promise<void> {
    const run = await start(['run', '--resume', 'ckpt', '--no-progress'], cwd).done;
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(cwd, 'events.log')).equals(reference.log)).toBe(true);
    expect(simulated(run.stdout)).toBe(reference.summary);
  }

  const fresh = (name: string) => {
    const cwd = mkdtempSync(join(tmpdir(), `prodsim-resume-${name}-`));
    mkdirSync(join(cwd, 'ckpt'));
    return cwd;
  };

  it('checkpointing does not change the run', async () => {
    const cwd = fresh('plain');
    const run = await start([...RUN, ...CHECKPOINTS.map((a) => (a === 'ckpt' ? 'ckpt/plain' : a))], cwd).done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/checkpoint 11 at 2026-01-07T18:00:00.000Z/);
    expect(readFileSync(join(cwd, 'events.log')).equals(reference.log)).toBe(true);
    expect(simulated(run.stdout)).toBe(reference.summary);
  });

  it('killed before its first checkpoint: resumes from the start', async () => {
    const cwd = fresh('early');
    // The first lines reach the file (a 'change', not its creation) long before the first checkpoint.
    const trigger = await killWhen([...RUN, ...CHECKPOINTS], cwd, (name, event) => name === 'events.log' && event === 'change');
    expect(trigger).toBe('events.log');
    expect(checkpointFiles(cwd).filter((f) => f.endsWith('.prodsim'))).toEqual([]);
    await resume(cwd);
  });

  it('killed between checkpoints, then again in the resumed run: each resume gives the same run', async () => {
    const cwd = fresh('between');
    expect(await killWhen([...RUN, ...CHECKPOINTS], cwd, (name) => name.endsWith('000003.prodsim'))).toBeDefined();
    // The file holds lines written after the newest checkpoint: the resume must cut them off.
    const second = await killWhen(['run', '--resume', 'ckpt', '--no-progress'], cwd, (name) => name.endsWith('000007.prodsim'));
    expect(second).toBeDefined();
    await resume(cwd);
  });

  it('killed while a checkpoint is being written: the one before it is used', async () => {
    const cwd = fresh('writing');
    // A write cut short leaves its temporary file behind; if a kill lands just after a rename
    // instead, the run is resumed and killed again at its next write.
    let args = [...RUN, ...CHECKPOINTS];
    let cutShort = false;
    for (let attempt = 0; attempt < 8 && !cutShort; attempt++) {
      const trigger = await killWhen(args, cwd, (name) => name.startsWith(join('ckpt', 'world')) && name.endsWith('.tmp'));
      if (trigger === undefined) break;
      cutShort = checkpointFiles(cwd).some((f) => f.endsWith('.tmp'));
      args = ['run', '--resume', 'ckpt', '--no-progress'];
    }
    expect(cutShort).toBe(true);
    await resume(cwd);
  });
});

describe('checkpoints in course mode, and what cannot be checkpointed', { timeout: 600_000 }, () => {
  const COURSE = [
    'domain: movies',
    'seed: offering-secret',
    'days: 2',
    'movies: { users: 1500 }',
    'out: events.log',
    'teams: [{ name: team01 }, { name: team02 }]',
  ];
  const files = ['events.team01.log', 'events.team02.log'];

  it('resumes every team from its own newest checkpoint to the run that went on', async () => {
    const ref = mkdtempSync(join(tmpdir(), 'prodsim-course-ref-'));
    writeFileSync(join(ref, 'course.yaml'), COURSE.join('\n'));
    const whole = await start(['run', '--config', 'course.yaml', '--no-progress', '--checkpoint', 'ckpt'], ref).done;
    expect(whole.code, whole.stderr).toBe(0);
    const cwd = mkdtempSync(join(tmpdir(), 'prodsim-course-'));
    writeFileSync(join(cwd, 'course.yaml'), COURSE.join('\n'));
    const args = ['run', '--config', 'course.yaml', '--no-progress', '--checkpoint', 'ckpt', '--checkpoint-every', '6h'];
    expect(await killWhen(args, cwd, (name) => name === join('ckpt', 'teams', 'team02', '000003.prodsim'))).toBeDefined();
    const resumed = await start(['run', '--resume', 'ckpt', '--no-progress'], cwd).done;
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/team team02: resuming from checkpoint 3/);
    for (const f of files) expect(readFileSync(join(cwd, f)).equals(readFileSync(join(ref, f))), f).toBe(true);
    expect(simulated(resumed.stdout)).toBe(simulated(whole.stdout));
  });

  it('refuses --checkpoint for a domain without snapshots, and a folder that is not a checkpoint, with exit status 2', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'prodsim-refuse-'));
    const toy = await start(['run', 'toy', '--days', '1', '--checkpoint', 'ckpt', '--out', 'toy.log'], cwd).done;
    expect(toy.code).toBe(2);
    expect(toy.stderr).toContain('domain toy/v1 cannot be checkpointed');
    expect(toy.stderr).toContain('[PRODSIM_ERR_CHECKPOINT_UNSUPPORTED]');
    expect(existsSync(join(cwd, 'ckpt', 'run.prodsim'))).toBe(false);
    const none = await start(['run', '--resume', 'nothing-here'], cwd).done;
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--resume nothing-here: it holds no run.prodsim .*\[PRODSIM_ERR_CHECKPOINT_CORRUPT\]/);
    const extra = await start(['run', '--resume', 'ckpt', '--days', '3'], cwd).done;
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('--resume continues a run as it was configured');
  });
});

import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli-e2e.js';

// The course staff's command-line tools, run as the real `prodsim` binary (compiled dist/).
describe('prodsim run --contract', () => {
  it('2026 streams 1-10 stars and counts the cost of views; 2024 is the default', async () => {
    const [c2026, c2024] = await Promise.all([
      runCli(['run', 'movies', '--contract', '2026', '--days', '1', '--users', '400', '--json', '--no-progress']).done,
      runCli(['run', 'movies', '--days', '1', '--users', '400', '--json', '--no-progress']).done,
    ]);
    expect(c2026.code, c2026.stderr).toBe(0);
    expect(c2024.code, c2024.stderr).toBe(0);
    const w2026 = JSON.parse(c2026.stdout).world;
    const w2024 = JSON.parse(c2024.stdout).world;
    expect(w2026['rating scale']).toBe('1-10');
    expect(w2026['cost of views ($)']).toBeGreaterThan(0);
    expect(w2024['rating scale']).toBe('1-5');
    expect(w2024).not.toHaveProperty('cost of views ($)');
  });

  it('refuses an unknown contract and a domain without contracts, with exit status 2', async () => {
    const [bad, toy] = await Promise.all([
      runCli(['run', 'movies', '--contract', '2025', '--days', '1']).done,
      runCli(['run', 'toy', '--contract', '2026', '--days', '1']).done,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/movies\.contract.*2025.*2024/s);
    expect(toy.code).toBe(2);
    expect(toy.stderr).toMatch(/--contract applies to movies/);
  });
});

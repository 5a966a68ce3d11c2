import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// The Python example's model and parser use only the standard library, so their unittest suites
// run with the machine's python3 on every `npm test`; the Flask app's tests run in the broker-backed
// end-to-end suite (test/course-e2e.int.test.ts), after setup.sh has made the venv.
describe('examples/recommender-python unit tests (python3 -m unittest)', () => {
  it('pass', async () => {
    const run = await promisify(execFile)('python3', ['-m', 'unittest', 'discover', '-v', '-s', 'tests/unit', '-t', '.'], {
      cwd: new URL('..', import.meta.url).pathname,
      encoding: 'utf8',
    }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`python3 -m unittest failed:\n${error.stderr ?? ''}${error.stdout ?? ''}${error.message}`);
    });
    expect(run.stderr).toMatch(/^Ran \d+ tests/m);
    expect(run.stderr).toMatch(/\nOK\s*$/);
    expect(run.stderr).toContain('test_personalised_by_co_views_and_never_what_was_watched');
  });
});

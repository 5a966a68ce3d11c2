import { describe, expect, it } from 'vitest';
import { closedPort } from '../../../../test/support/cli-e2e.js';
import { parseQueueUrl } from './queue-address.js';
import { openQueue } from './queue-connection.js';

describe('opening a queue', () => {
  it('names an unreachable server, with where it looked and how to start one', async () => {
    const port = await closedPort();
    await expect(openQueue(parseQueueUrl(`nats://127.0.0.1:${port}/q`), { name: 'test', connectTimeoutMs: 2000 })).rejects.toMatchObject({
      code: 'PRODSIM_ERR_QUEUE_UNREACHABLE',
      message: expect.stringMatching(
        new RegExp(
          `^cannot reach the NATS server of queue nats://127\\.0\\.0\\.1:${port}/q \\(127\\.0\\.0\\.1:${port}\\) within 2000 ms: .*dev-server/start\\.sh`,
        ),
      ),
    });
  });
});

import { parentPort, workerData } from 'node:worker_threads';
import { isProdsimError } from '@prodsim/core';
import { OnnxSession, messageOf, type ModelSource, type SessionOptions } from './onnx-session.js';
import type { Feeds, Results } from './tensor.js';

/** Messages between a WorkerPool and this worker (one OnnxSession per worker). */
export type ToWorker = { type: 'run'; id: number; feeds: Feeds; fetch?: readonly string[] } | { type: 'close' };
export type FromWorker =
  | { type: 'ready'; inputs: OnnxSession['inputs']; outputs: OnnxSession['outputs'] }
  | { type: 'result'; id: number; results: Results }
  | { type: 'error'; id: number | null; code: string | null; message: string };

interface WorkerInit {
  readonly model: ModelSource;
  readonly options: SessionOptions;
}

const port = parentPort;
if (port) {
  const init = workerData as WorkerInit;
  const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const codeOf = (error: unknown) => (isProdsimError(error) ? error.code : null);
  let session: OnnxSession | undefined;
  try {
    session = await OnnxSession.create(init.model, init.options);
    send({ type: 'ready', inputs: session.inputs, outputs: session.outputs });
  } catch (error) {
    send({ type: 'error', id: null, code: codeOf(error), message: messageOf(error) });
  }
  port.on('message', async (message: ToWorker) => {
    if (message.type === 'close') {
      await session?.close();
      port.close();
      return;
    }
    try {
      if (!session) throw new Error('session failed to load');
      const results = await session.run(message.feeds, message.fetch);
      // Hand the output buffers over instead of copying them.
      send({ type: 'result', id: message.id, results }, [...new Set(Object.values(results).map((t) => t.data.buffer as ArrayBuffer))]);
    } catch (error) {
      send({ type: 'error', id: message.id, code: codeOf(error), message: messageOf(error) });
    }
  });
}

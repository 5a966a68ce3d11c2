import { HttpPredictor } from '../prediction/http-predictor.js';
import { conformanceInProcessPredictor } from './conformance-endpoint.js';
import { startMisbehavingService, type MisbehavingService } from './misbehaving-service.js';
import { runPredictorConformance } from './predictor-conformance.js';

runPredictorConformance('in-process', () => conformanceInProcessPredictor());

let service: MisbehavingService | undefined;
runPredictorConformance(
  'http (undici pool, real local server)',
  async () => {
    service = await startMisbehavingService();
    return new HttpPredictor(service.url, { connections: 16 });
  },
  { cleanup: () => service?.close() },
);

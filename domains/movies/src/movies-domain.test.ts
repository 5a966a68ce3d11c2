import { runDomainConformance } from '@prodsim/core/testing';
import { LINE_PATTERNS } from './text/lines.js';
import { moviesDomain } from './movies-domain.js';

runDomainConformance(moviesDomain, {
  domainConfig: { users: 400, movies: 300, createAccountLines: true, newAccountRate: 0.01 },
  days: 1,
  minEvents: 1000,
  validateEvent(value) {
    const ok = Object.values(LINE_PATTERNS).some((p) => p.test(value));
    if (!ok) throw new Error(`not a line of the contract: ${value}`);
  },
});

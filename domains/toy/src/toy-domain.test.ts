import { runDomainConformance } from '@prodsim/core/testing';
import { toyDomain } from './toy-domain.js';

runDomainConformance(toyDomain, {
  days: 2,
  domainConfig: { users: 300 },
  validateEvent(value) {
    const event = JSON.parse(value);
    if (!/^\d{4}-\d\d-\d\dT/.test(event.t) || !Number.isInteger(event.user)) throw new Error(`malformed toy event ${value}`);
  },
});

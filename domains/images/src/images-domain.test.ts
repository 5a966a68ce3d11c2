import { readFileSync } from 'node:fs';
import { checkEvent, schemaMarkdown } from '@prodsim/media';
import { runDomainConformance } from '@prodsim/core/testing';
import { describe, expect, it } from 'vitest';
import { IMAGES_EVENT_SCHEMA } from './events/images-events.js';
import { imagesDomain } from './images-domain.js';
import { SMALL } from './test/small-world.js';

runDomainConformance(imagesDomain, {
  days: 1,
  domainConfig: SMALL,
  minEvents: 2000,
  validateEvent(value) {
    const problem = checkEvent(IMAGES_EVENT_SCHEMA, value);
    if (problem) throw new Error(`${problem}: ${value}`);
  },
});

describe('images/v1 documentation', () => {
  it("the README's event tables are the schema's (regenerate with schemaMarkdown if this fails)", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(schemaMarkdown(IMAGES_EVENT_SCHEMA).trim());
  });

  it('declares the scenario actions experiments may use', () => {
    expect(Object.keys(imagesDomain.scenarioActions ?? {}).sort()).toEqual(['adversarial', 'filter', 'lighting', 'resolution']);
  });
});

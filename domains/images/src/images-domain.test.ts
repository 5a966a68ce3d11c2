import { readFileSync } from 'node:fs';
import { schemaMarkdown } from '@prodsim/media';
import { describe, expect, it } from 'vitest';
import { IMAGES_EVENT_SCHEMA } from './events/images-events.js';
import { imagesDomain } from './images-domain.js';

// The conformance suite runs over every built-in domain in test/builtin-conformance.test.ts.

describe('images/v1 documentation', () => {
  it("the README's event tables are the schema's (regenerate with schemaMarkdown if this fails)", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(schemaMarkdown(IMAGES_EVENT_SCHEMA).trim());
  });

  it('declares the scenario actions experiments may use', () => {
    expect(Object.keys(imagesDomain.scenarioActions ?? {}).sort()).toEqual([
      'adversarial',
      'edits',
      'filter',
      'flash-crowd',
      'lighting',
      'resolution',
      'truth-shift',
    ]);
  });
});

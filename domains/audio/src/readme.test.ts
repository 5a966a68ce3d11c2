import { readFileSync } from 'node:fs';
import { schemaMarkdown } from '@prodsim/media';
import { expect, it } from 'vitest';
import { AUDIO_EVENT_SCHEMA } from './events/audio-events.js';

it("the README's event tables are the schema's", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('<!-- schema:start -->\n') + '<!-- schema:start -->\n'.length, readme.indexOf('<!-- schema:end -->'));
  expect(section).toBe(schemaMarkdown(AUDIO_EVENT_SCHEMA));
});

#!/usr/bin/env node
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ErrorCodes, isProdsimError, ProdsimError } from '@prodsim/core';
import { buildAudioWorldModel } from '../worlds/audio-world-model.js';
import { DEFAULT_WORLD_SEED, MODELS_DIR } from '../worlds/default-models.js';
import { buildImageWorldModel } from '../worlds/image-world-model.js';

const USAGE = `Regenerate the secret-world ONNX models from a seed.

  node ground-truth-models/dist/cli/regenerate.js --seed SECRET --out DIR
  node ground-truth-models/dist/cli/regenerate.js --seed-env PRODSIM_WORLD_SEED --out DIR
  node ground-truth-models/dist/cli/regenerate.js --seed-file secret.txt --out DIR
  node ground-truth-models/dist/cli/regenerate.js --default        (the committed public models)

Options:
  --seed S         the secret (prefer --seed-env or --seed-file: they keep it out of shell history)
  --seed-env VAR   read the secret from environment variable VAR
  --seed-file F    read the secret from file F (surrounding whitespace ignored)
  --out DIR        where to write image-world-v1.onnx, audio-world-v1.onnx and worlds.json
  --only W         image or audio (both by default)
  --default        use the public default seed and write into ${MODELS_DIR}

The same seed always gives byte-identical files. Keep the seed and the files away from students.`;

export interface RegenerateResult {
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** Writes the world models for `seed` into `out`; returns what it wrote. */
export function regenerate(seed: string, out: string, only?: 'image' | 'audio'): RegenerateResult[] {
  mkdirSync(out, { recursive: true });
  const written: RegenerateResult[] = [];
  const worlds = [
    ['image', 'image-world-v1.onnx', () => buildImageWorldModel({ seed }).bytes],
    ['audio', 'audio-world-v1.onnx', () => buildAudioWorldModel({ seed }).bytes],
  ] as const;
  for (const [kind, name, build] of worlds) {
    if (only && only !== kind) continue;
    const bytes = build();
    const file = path.join(out, name);
    writeFileSync(file, bytes);
    written.push({ file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  // A manifest of what was written, without the seed, to check a deployment has the right files.
  const manifest = written.map((w) => ({ file: path.basename(w.file), bytes: w.bytes, sha256: w.sha256 }));
  writeFileSync(path.join(out, only ? `worlds-${only}.json` : 'worlds.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return written;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      seed: { type: 'string' },
      'seed-env': { type: 'string' },
      'seed-file': { type: 'string' },
      out: { type: 'string' },
      only: { type: 'string' },
      default: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
}

function usageError(message: string): ProdsimError {
  return new ProdsimError(ErrorCodes.USAGE, `${message}\n\n${USAGE}`);
}

export function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const values = parsed.values;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const sources = [values.seed, values['seed-env'], values['seed-file'], values.default ? 'default' : undefined].filter((v) => v !== undefined);
  if (sources.length !== 1) throw usageError('give exactly one of --seed, --seed-env, --seed-file, --default');
  let seed: string;
  if (values.default) seed = DEFAULT_WORLD_SEED;
  else if (values['seed-env'] !== undefined) {
    const v = process.env[values['seed-env']];
    if (!v) throw usageError(`environment variable ${values['seed-env']} is not set or empty`);
    seed = v;
  } else if (values['seed-file'] !== undefined) {
    try {
      seed = readFileSync(values['seed-file'], 'utf8').trim();
    } catch (error) {
      throw usageError(`cannot read --seed-file ${values['seed-file']}: ${(error as Error).message}`);
    }
  } else seed = values.seed!;
  if (seed.length === 0) throw usageError('the seed is empty');
  const out = values.default ? MODELS_DIR : values.out;
  if (!out) throw usageError('--out DIR is required');
  if (values.only !== undefined && values.only !== 'image' && values.only !== 'audio') throw usageError(`--only must be image or audio, got ${values.only}`);
  for (const w of regenerate(seed, out, values.only as 'image' | 'audio' | undefined)) console.log(`${w.file}  ${w.bytes} bytes  sha256 ${w.sha256}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(isProdsimError(error) ? `${error.code}: ${error.message}` : error);
    process.exitCode = isProdsimError(error) && error.code === ErrorCodes.USAGE ? 2 : 1;
  }
}

#!/usr/bin/env node
// The prodsim command: the registries of bin/registry.js plus the commands packages add.
import { HttpPredictor, gymCommand, runCli } from '@prodsim/core';
import { moviesStatsCommand } from '@prodsim/domain-movies';
import { experimentCommand, runBaselines } from '@prodsim/experiments';
import { validateCommand } from '@prodsim/validation';
import { domains, transports } from './registry.js';

const commands = {
  gym: gymCommand({ domains, transports, stdin: process.stdin }),
  experiment: experimentCommand({ domains, registryModule: new URL('./registry.js', import.meta.url).href }),
  stats: moviesStatsCommand(),
  validate: validateCommand({ domains, registryModule: new URL('./registry.js', import.meta.url).href }),
};

const code = await runCli(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, env: process.env, signals: process },
  { domains, transports, commands, httpPredictor: (url) => new HttpPredictor(url), baselines: runBaselines },
);
process.exitCode = code;

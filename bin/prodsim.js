#!/usr/bin/env node
// The prodsim command: loads the plugins the command line names (--plugin, PRODSIM_PLUGINS,
// plugins: in the config file), has the composition root (registry.js) wire them in, and runs.
import { runCliWithPlugins } from '@prodsim/core';
import { compose } from './registry.js';

const code = await runCliWithPlugins(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, signals: process }, compose);
// A finished command ends the process, once its output is written, even if a library left a
// timer or socket behind: in CI, kafkajs still waiting for a new topic's leader after the run had
// disconnected kept a stopped run alive for minutes.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
process.exit(code);

#!/usr/bin/env node
// The prodsim command: loads the plugins the command line names (--plugin, PRODSIM_PLUGINS,
// plugins: in the config file), has the composition root (registry.js) wire them in, and runs.
import { runCliWithPlugins } from '@prodsim/core';
import { compose } from './registry.js';

process.exitCode = await runCliWithPlugins(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, env: process.env, signals: process },
  compose,
);

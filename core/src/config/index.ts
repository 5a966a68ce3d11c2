export { s } from './schema.js';
export type { Schema, Infer, ObjectSchema } from './schema.js';
export { loadConfigFile, parseConfigText } from './config-file.js';
export { envToConfig } from './env.js';
export { mergeConfig } from './merge.js';

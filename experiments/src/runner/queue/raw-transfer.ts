import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ObjectStore } from '@nats-io/obj';
import { rawUnitFiles } from '../../raw/raw-files.js';
import { QueueError, QueueErrorCodes } from './queue-errors.js';

/** A raw file's name as it may travel: a plain Parquet file name, never a path. */
const RAW_NAME = /^[A-Za-z0-9_.-]+\.parquet$/;

const objectName = (jobId: string, file: string) => `${jobId}/raw/${file}`;

/** Stores a unit's raw Parquet files (written by its thread in `dir`) beside its result; returns their names. */
export async function uploadRaw(results: ObjectStore, jobId: string, dir: string, unit: string): Promise<string[]> {
  const names: string[] = [];
  for (const path of Object.values(rawUnitFiles(dir, unit))) {
    if (!existsSync(path)) continue;
    await results.putBlob({ name: objectName(jobId, basename(path)) }, readFileSync(path));
    names.push(basename(path));
  }
  return names;
}

/** Fetches a unit's raw files into the coordinator's raw folder, each written whole or not at all. */
export async function downloadRaw(results: ObjectStore, jobId: string, names: readonly string[], dir: string): Promise<void> {
  for (const name of names) {
    if (!RAW_NAME.test(name))
      throw new QueueError(QueueErrorCodes.RESULT, `job ${jobId} lists a raw file named ${JSON.stringify(name)}, which is not a Parquet file name`);
    const bytes = await results.getBlob(objectName(jobId, name));
    if (!bytes)
      throw new QueueError(QueueErrorCodes.RESULT, `raw file ${name} of job ${jobId} is missing from the result store (expired?); run again with --fresh`);
    const path = join(dir, name);
    writeFileSync(`${path}.tmp`, bytes);
    renameSync(`${path}.tmp`, path);
  }
}

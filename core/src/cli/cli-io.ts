/** The CLI's outside world, injected so that tests can run commands in-process. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** The working folder: relative paths and plugin package names resolve from it (default: the process's). */
  cwd?: string;
  /** Where SIGINT/SIGTERM are observed; the CLI installs handlers for the duration of a run. */
  signals?: Pick<NodeJS.Process, 'on' | 'once' | 'removeListener'>;
}

export function print(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

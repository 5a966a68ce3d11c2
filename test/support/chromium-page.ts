import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** Debian's Chromium (.ci/run installs it), or PRODSIM_CHROMIUM. */
export const CHROMIUM = process.env.PRODSIM_CHROMIUM ?? '/usr/bin/chromium';

interface Pending {
  resolve: (result: Record<string, unknown>) => void;
  reject: (error: Error) => void;
}

/**
 * One page of headless Chromium, driven over the DevTools protocol on a pipe (fd 3 in, fd 4
 * out, messages ended by NUL): no browser download and no WebSocket client, just Debian's
 * Chromium. Enough for tests that load a live page, read its DOM and take a screenshot.
 */
export class ChromiumPage {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private exited: Error | undefined;

  private constructor(
    private readonly child: ChildProcess,
    private readonly profile: string,
    private sessionId = '',
  ) {
    const input = child.stdio[4] as Readable;
    let buffer = '';
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
        const message = JSON.parse(buffer.slice(0, end)) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
        buffer = buffer.slice(end + 1);
        const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
        if (!waiting) continue;
        this.pending.delete(message.id!);
        if (message.error) waiting.reject(new Error(`Chromium: ${message.error.message}`));
        else waiting.resolve(message.result ?? {});
      }
    });
    child.on('exit', (code, signal) => {
      this.exited = new Error(`Chromium exited (${signal ?? code})`);
      for (const p of this.pending.values()) p.reject(this.exited);
      this.pending.clear();
    });
  }

  /** Starts headless Chromium with a fresh profile and one blank page of the given size. */
  static async open(size: { width: number; height: number }): Promise<ChromiumPage> {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`no Chromium at ${CHROMIUM}: install Debian's with "apt-get update && apt-get install -y chromium" (or set PRODSIM_CHROMIUM)`);
    }
    const profile = await mkdtemp(join(tmpdir(), 'prodsim-chromium-'));
    const child = spawn(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        // Screenshot pixels in plain sRGB, so that a test can look for the page's colours.
        '--force-color-profile=srgb',
        '--remote-debugging-pipe',
        `--user-data-dir=${profile}`,
        `--window-size=${size.width},${size.height}`,
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    const page = new ChromiumPage(child, profile);
    const { targetInfos } = (await page.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string }[] };
    const target = targetInfos.find((t) => t.type === 'page');
    if (!target) throw new Error('Chromium opened no page');
    page.sessionId = ((await page.send('Target.attachToTarget', { targetId: target.targetId, flatten: true })) as { sessionId: string }).sessionId;
    await page.send('Emulation.setDeviceMetricsOverride', { ...size, deviceScaleFactor: 1, mobile: false });
    return page;
  }

  /** Sends one protocol command (to the page once attached) and waits for its answer. */
  send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    const message = { id, method, params, ...(this.sessionId ? { sessionId: this.sessionId } : {}) };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      (this.child.stdio[3] as Writable).write(`${JSON.stringify(message)}\0`);
    });
  }

  async goto(url: string): Promise<void> {
    const result = await this.send('Page.navigate', { url });
    if (typeof result.errorText === 'string') throw new Error(`Chromium could not load ${url}: ${result.errorText}`);
  }

  /** The value of a JavaScript expression in the page (promises awaited). */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = (await this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })) as {
      result: { value: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (exceptionDetails) throw new Error(`in the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  }

  /** Waits until the expression is true in the page (re-checked in the page every 50 ms); fails after `timeoutMs`. */
  async waitFor(expression: string, timeoutMs: number): Promise<void> {
    const ok = await this.evaluate<boolean>(`new Promise((resolve) => {
      const deadline = performance.now() + ${timeoutMs};
      const check = () => { let v = false; try { v = Boolean(${expression}); } catch {}
        if (v) resolve(true); else if (performance.now() > deadline) resolve(false); else setTimeout(check, 50); };
      check();
    })`);
    if (!ok) throw new Error(`the page never showed ${expression} (${timeoutMs} ms)`);
  }

  /** A PNG of the whole page as it is drawn now. */
  async screenshot(): Promise<Buffer> {
    const { data } = (await this.send('Page.captureScreenshot', { format: 'png' })) as { data: string };
    return Buffer.from(data, 'base64');
  }

  async close(): Promise<void> {
    if (!this.exited) {
      const gone = new Promise((resolve) => this.child.once('exit', resolve));
      this.sessionId = '';
      await this.send('Browser.close').catch(() => undefined);
      await gone;
    }
    await rm(this.profile, { recursive: true, force: true });
  }
}

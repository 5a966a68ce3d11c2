import type { EventOutput } from '../transport/transport.js';

/** Sees each event as it goes to the transport. */
export type EventListener = (topic: string, key: string | null, value: string) => void;

/**
 * The transport with a tap on it: every event goes to the transport as before, and to whoever
 * listens (the entity API's /stream, which serves the same lines over HTTP). With nobody
 * listening it costs one check per event, so every simulation has one.
 */
export class EventTap implements EventOutput {
  private listeners: EventListener[] = [];

  constructor(private readonly transport: EventOutput) {}

  /** Starts passing events to `listener`; returns the function that stops it. */
  listen(listener: EventListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  publish(topic: string, key: string | null, value: string, time?: number): void | Promise<void> {
    const wait = this.transport.publish(topic, key, value, time);
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i](topic, key, value);
    return wait;
  }

  declareTopic(topic: string): void {
    this.transport.declareTopic?.(topic);
  }

  reads(topic: string): boolean {
    return this.listeners.length > 0 || (this.transport.reads?.(topic) ?? true);
  }

  discard(topic: string, time?: number, count?: number): void {
    this.transport.discard?.(topic, time, count);
  }

  flush(): Promise<void> {
    return this.transport.flush();
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

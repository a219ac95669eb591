import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/database.js';

/**
 * Live updates across instances: a change publishes a small event with pg_notify inside its transaction
 * (so it is delivered only if the change commits); every instance LISTENs and hands it to its local
 * subscribers, e.g. the server-sent-event streams of the browsers watching that request.
 */
export const EVENTS_CHANNEL = 'kp_events';

export interface PlatformEvent {
  /** What the event is about, e.g. `financing_request:<id>`. */
  topic: string;
  /** e.g. `status_changed`, `offer_received`, `dispatched`. */
  type: string;
  data?: Record<string, unknown>;
  at?: string;
}

export async function publish(tx: Executor, event: PlatformEvent): Promise<void> {
  const payload = JSON.stringify({ ...event, at: event.at ?? new Date().toISOString() });
  await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${payload})`);
}

type Listener = (event: PlatformEvent) => void;

export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private stopListening: (() => Promise<void>) | undefined;

  subscribe(topic: string, listener: Listener): () => void {
    const set = this.listeners.get(topic) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(topic, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(topic);
    };
  }

  /** Delivers an event to this instance's subscribers (called for every notification). */
  deliver(event: PlatformEvent): void {
    for (const l of this.listeners.get(event.topic) ?? []) {
      try {
        l(event);
      } catch {
        // one broken subscriber must not stop the others
      }
    }
  }

  async start(database: Database, databaseUrl?: string): Promise<void> {
    const onPayload = (payload: string | undefined) => {
      if (!payload) return;
      try {
        this.deliver(JSON.parse(payload) as PlatformEvent);
      } catch {
        // not ours
      }
    };
    if (database.kind === 'pglite') {
      const unlisten = await database.pglite!.listen(EVENTS_CHANNEL, onPayload);
      this.stopListening = unlisten;
      return;
    }
    // A dedicated connection: LISTEN holds it for the life of the process.
    let client: pg.Client | undefined;
    let stopped = false;
    const connect = async () => {
      client = new pg.Client({ connectionString: databaseUrl });
      client.on('notification', (n) => onPayload(n.payload));
      client.on('error', () => {
        if (!stopped) setTimeout(() => void connect().catch(() => undefined), 2_000);
      });
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    };
    await connect();
    this.stopListening = async () => {
      stopped = true;
      await client?.end().catch(() => undefined);
    };
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    this.listeners.clear();
  }
}

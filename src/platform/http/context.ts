import type { Config } from '../../config.js';
import type { Database } from '../db/database.js';
import type { EventHub } from '../events/events.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Mailer } from '../mail/index.js';

/** What route plugins, job handlers and services get from the platform. */
export interface AppContext {
  config: Config;
  database: Database;
  jobs: JobQueue;
  events: EventHub;
  mail: Pick<Mailer, 'send'>;
}

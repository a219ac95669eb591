import type { Config } from '../../config.js';
import type { Database } from '../db/database.js';

/** What route plugins and services get from the platform. */
export interface AppContext {
  config: Config;
  database: Database;
}

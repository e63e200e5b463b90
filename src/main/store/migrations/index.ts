/**
 * Every schema step, in order. A new step is a new file `NNN-description.ts` plus one line
 * here; numbers 001–019 belong to the store itself, features take 020 and up.
 */
import { migration001 } from './001-settings'
import { migration002 } from './002-audit-log'
import { migration003 } from './003-outbox'
import { migration004 } from './004-sealed-envelopes'
import { migration005 } from './005-queue'
import { migration020 } from './020-registrations'
import { migration021 } from './021-outbox-waiting-kind'
import { migration030 } from './030-print-jobs'
import { migration031 } from './031-queue-ticket-print'
import { migration040 } from './040-clerks'
import { migration041 } from './041-queue-transfer-counter'
import type { Migration } from './migration'

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration020,
  migration021,
  migration030,
  migration031,
  migration040,
  migration041,
]

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version

export type { Migration } from './migration'
export { migrate, MigrationError, SchemaTooNewError, userVersion } from './runner'

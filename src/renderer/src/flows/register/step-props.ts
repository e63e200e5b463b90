import type { ActorRefFrom, SnapshotFrom } from 'xstate'
import type { registerMachine } from './register.machine'

/** What every step component of the registration flow gets. */
export interface RegisterStepProps {
  readonly snapshot: SnapshotFrom<typeof registerMachine>
  readonly send: ActorRefFrom<typeof registerMachine>['send']
}

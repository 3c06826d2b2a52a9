import type { SyncState } from '../contract/station-api';
import type { Tone } from './tone';

/** The colour of the hall-server connection: red when this page or the station is cut off. */
export function connectionTone(state: SyncState | undefined, stationDown: boolean): Tone {
  if (stationDown) return 'error';
  if (!state) return 'muted';
  if (state.connection === 'offline') return 'error';
  // A routine run with nothing to push is not news; only a real backlog draining is shown as syncing.
  if (state.connection === 'syncing' && state.pending > 0) return 'serving';
  return state.rejected > 0 || state.warnings.length > 0 ? 'warn' : 'ok';
}

export function deviceTone(state: 'ok' | 'problem' | 'not-configured' | undefined): Tone {
  return state === 'ok' ? 'ok' : state === 'problem' ? 'error' : 'muted';
}

/** True while a backlog drains (the header shows 同步中 N with a progress bar). */
export function drainingBacklog(state: SyncState | undefined): boolean {
  return state?.connection === 'syncing' && state.pending > 0;
}

import type { SyncState } from '../contract/station-api';
import type { Tone } from './tone';

/** The colour of the hall-server connection: red when this page or the station is cut off. */
export function connectionTone(state: SyncState | undefined, stationDown: boolean): Tone {
  if (stationDown) return 'error';
  if (!state) return 'muted';
  if (state.connection === 'offline') return 'error';
  if (state.connection === 'syncing') return 'serving';
  return state.rejected > 0 || state.warnings.length > 0 ? 'warn' : 'ok';
}

export function deviceTone(state: 'ok' | 'problem' | 'not-configured' | undefined): Tone {
  return state === 'ok' ? 'ok' : state === 'problem' ? 'error' : 'muted';
}

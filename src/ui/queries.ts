import type { StationEvent, StationResult } from '../contract/station-api';
import { useStationQuery } from './station-hooks';

/** The reads several screens share, each with what keeps it fresh. */

const takeSession = (e: StationEvent): StationResult<'session.get'> | undefined => (e.type === 'session' ? e.session : undefined);
const takeSync = (e: StationEvent): StationResult<'sync.state'> | undefined => (e.type === 'sync' ? e.state : undefined);
const takeDevices = (e: StationEvent): StationResult<'devices.status'> | undefined => (e.type === 'devices' ? e.status : undefined);

export const useSession = () => useStationQuery('session.get', {}, { take: takeSession });
export const useCatalog = (enabled = true) => useStationQuery('catalog.get', {}, { enabled });
export const useQueueView = (enabled = true) => useStationQuery('queue.view', {}, { on: ['queue'], enabled });
export const useHallView = (enabled = true) => useStationQuery('queue.hall', {}, { on: ['queue'], enabled });
export const useSyncState = () => useStationQuery('sync.state', {}, { take: takeSync });
export const useDeviceStatus = () => useStationQuery('devices.status', {}, { take: takeDevices });

import type { StationEvent, StationResult } from '../contract/station-api';
import { useEffect } from 'react';
import { useStationQuery } from './station-hooks';

/** The reads several screens share, each with what keeps it fresh. */

const takeSession = (e: StationEvent): StationResult<'session.get'> | undefined => (e.type === 'session' ? e.session : undefined);
const takeSync = (e: StationEvent): StationResult<'sync.state'> | undefined => (e.type === 'sync' ? e.state : undefined);
const takeDevices = (e: StationEvent): StationResult<'devices.status'> | undefined => (e.type === 'devices' ? e.status : undefined);

export const useSession = () => useStationQuery('session.get', {}, { take: takeSession });
export const useCatalog = (enabled = true) => useStationQuery('catalog.get', {}, { enabled });
export const useSyncState = () => useStationQuery('sync.state', {}, { take: takeSync });

/**
 * The queue as this window sees it. Besides `queue` pokes it is fetched again whenever the link to
 * the hall server changes: when the hall goes away the view must say so (not live) at once, and
 * when it returns the view must show the hall's queue, not the last one known.
 */
export function useQueueView(enabled = true) {
  const query = useStationQuery('queue.view', {}, { on: ['queue'], enabled });
  useRefetchOnConnection(query.refetch);
  return query;
}

export function useHallView(enabled = true) {
  const query = useStationQuery('queue.hall', {}, { on: ['queue'], enabled });
  useRefetchOnConnection(query.refetch);
  return query;
}

function useRefetchOnConnection(refetch: () => Promise<void>): void {
  const connection = useSyncState().data?.connection;
  const online = connection === undefined ? undefined : connection !== 'offline';
  useEffect(() => {
    if (online !== undefined) void refetch();
  }, [online, refetch]);
}
export const useDeviceStatus = () => useStationQuery('devices.status', {}, { take: takeDevices });

/** The calendar years and the provisional years to warn about (online; fetched when a screen opens). */
export const useCalendarYears = (enabled = true) => useStationQuery('calendar.years', {}, { enabled });
/** Supervisors: open cases whose internal deadline the official calendar moved earlier. */
export const useMovedDeadlines = (enabled = true) => useStationQuery('calendar.movedDeadlines', {}, { enabled, on: ['cases'] });

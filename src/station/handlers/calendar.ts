import type { StationHandlers } from '../../contract/station-api';
import type { StationContext } from '../context';
import { hallCall } from './online';

/**
 * The hall's calendar, read and entered through the hall server (online only: the hall owns it).
 * A save is followed by a sync, so this station counts on the new year at once; every other
 * station gets it with its next pull.
 */
export function calendarHandlers(ctx: StationContext): Pick<
  StationHandlers,
  'calendar.years' | 'calendar.year' | 'calendar.revisions' | 'calendar.preview' | 'calendar.save' | 'calendar.movedDeadlines'
> {
  const online = hallCall(ctx);

  return {
    async 'calendar.years'() {
      return online((hall) => hall.call('calendarYears'));
    },
    async 'calendar.year'({ year }) {
      return online((hall) => hall.call('calendarYear', { params: { year } }));
    },
    async 'calendar.revisions'({ year }) {
      return online((hall) => hall.call('calendarRevisions', { params: { year } }));
    },
    async 'calendar.preview'(args) {
      const body = 'text' in args ? { text: args.text } : { calendar: args.calendar };
      return online((hall) => hall.call('previewCalendarYear', { params: { year: args.year }, body }));
    },
    async 'calendar.save'({ calendar, force, expectedRevision }) {
      const saved = await online((hall) =>
        hall.call('putCalendarYear', { params: { year: calendar.year }, body: { ...calendar, force, ...(expectedRevision !== undefined ? { expectedRevision } : {}) } }),
      );
      void ctx.sync.trigger('calendar');
      return saved;
    },
    async 'calendar.movedDeadlines'() {
      return online((hall) => hall.call('movedDeadlines'));
    },
  };
}

import type { StationHandlers } from '../../contract/station-api';
import type { StationContext } from '../context';
import { appointmentsHandlers } from './appointments';
import { calendarHandlers } from './calendar';
import { casesHandlers } from './cases';
import { catalogHandlers } from './catalog';
import { devicesHandlers } from './devices';
import { inboxHandlers } from './inbox';
import { intakeHandlers } from './intake';
import { padHandlers } from './pad';
import { printingHandlers } from './printing';
import { queueHandlers } from './queue';
import { reportsHandlers } from './reports';
import { reviewHandlers } from './review';
import { stationsHandlers } from './stations';
import { sessionHandlers } from './session';
import { syncHandlers } from './sync';
import { townHandlers } from './town';

/** The full handler table: one function per StationApi method (the compiler checks none is missing). */
export function stationHandlers(ctx: StationContext): StationHandlers {
  return {
    ...sessionHandlers(ctx),
    ...catalogHandlers(ctx),
    ...queueHandlers(ctx),
    ...intakeHandlers(ctx),
    ...casesHandlers(ctx),
    ...printingHandlers(ctx),
    ...devicesHandlers(ctx),
    ...syncHandlers(ctx),
    ...calendarHandlers(ctx),
    ...reviewHandlers(ctx),
    ...stationsHandlers(ctx),
    ...inboxHandlers(ctx),
    ...padHandlers(ctx),
    ...reportsHandlers(ctx),
    ...appointmentsHandlers(ctx),
    ...townHandlers(ctx),
  };
}

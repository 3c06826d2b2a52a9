import { appointmentsModule } from './appointments/routes';
import { authModule, staffModule } from './auth/routes';
import { calendarModule } from './calendar/routes';
import { casesModule } from './cases/routes';
import { catalogModule } from './catalog/routes';
import { evaluationsModule } from './evaluations/routes';
import { eventsModule } from './events/routes';
import { healthModule } from './health/routes';
import type { HallModule } from './http/route';
import { onlineModule } from './online/routes';
import { retentionModule } from './online/retention-routes';
import { publicModule } from './public/routes';
import { queueModule } from './queue/routes';
import { reportsModule } from './reports/routes';
import { stationsModule } from './stations/routes';
import { syncModule } from './sync/routes';

/**
 * The hall server's modules, registered in this order. A new module (cases, sync) is a
 * `hallModule(name, (ctx) => [route(centralApi.x, tag, handler), …])` in its folder, its tables in
 * db/schema/<module>.ts (exported from db/schema/index.ts), and one line here.
 */
export const hallModules: HallModule[] = [healthModule, authModule, staffModule, stationsModule, catalogModule, calendarModule, queueModule, casesModule, onlineModule, retentionModule, evaluationsModule, appointmentsModule, syncModule, eventsModule, reportsModule, publicModule];

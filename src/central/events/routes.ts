import { centralApi } from '../../contract/api';
import { hallModule, HIJACKED, route } from '../http/route';
import { streamEvents } from './sse';

export const eventsModule = hallModule('events', () => [
  route(centralApi.events, 'events', async ({ ctx, permit, request, reply, query }) => {
    await streamEvents(ctx, request, reply, query.lastEventId, permit.filter(), permit.principal.windowCode);
    return HIJACKED;
  }),
]);

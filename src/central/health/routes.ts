import { centralApi } from '../../contract/api';
import { buildOpenApi } from '../http/openapi';
import { hallModule, route } from '../http/route';

export const healthModule = hallModule('health', () => [
  route(centralApi.health, 'service', async () => ({ status: 'ok' as const })),
  route(centralApi.openapi, 'service', async ({ ctx }) => buildOpenApi(ctx.routes.routes, { title: 'Hall server', version: '1' })),
]);

import { publicApi } from '../../contract/api-public';
import { hallModule, route, withStatus } from '../http/route';
import { caseProgressHtml } from './progress';
import { PublicRateLimit } from './rate-limit';

/**
 * The hall's public pages for citizens (ARCHITECTURE "Citizen-facing pages"): no sign-in, public
 * fields only, each request counted against its address.
 */
export const publicModule = hallModule('public', (ctx) => {
  const limit = new PublicRateLimit(() => ctx.config.publicRatePerMinute, () => ctx.now().getTime());
  return [
    route(publicApi.caseProgressPage, 'public', async ({ params, request, reply }) => {
      limit.claim(request.ip);
      const { found, html } = await caseProgressHtml(ctx, params.caseNo, params.code);
      // Never cached: the page follows the case, and the address holds the receipt's code.
      void reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      return withStatus(found ? 200 : 404, html);
    }),
  ];
});

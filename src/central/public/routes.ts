import { publicApi } from '../../contract/api-public';
import { HallError } from '../http/errors';
import { hallModule, HIJACKED, route, withStatus } from '../http/route';
import { actorOf, inWork } from '../db/work';
import { displayState, saveDisplaySettings, zonesOf } from './display-data';
import { DisplayHub, streamDisplay } from './display-feed';
import { displayPageHtml } from './display-page';
import { caseProgressHtml } from './progress';
import { positionNotFoundHtml, positionPageHtml } from './position-page';
import { queuePosition } from './queue-position';
import { PublicRateLimit } from './rate-limit';
import { VoicePack } from './voice-pack';
import { windowPageHtml } from './window-page';
import { windowScreen } from './window-screen';

/**
 * The hall's public pages and feeds for citizens and hall screens (ARCHITECTURE "Citizen-facing
 * pages"): no sign-in, public fields only, each request counted against its address.
 */
export const publicModule = hallModule('public', (ctx) => {
  const limit = new PublicRateLimit(() => ctx.config.publicRatePerMinute, () => ctx.now().getTime());
  const hub = new DisplayHub(ctx);
  const voice = new VoicePack(ctx.config.voicePackDir);
  return [
    route(publicApi.caseProgressPage, 'public', async ({ params, request, reply }) => {
      limit.claim(request.ip);
      const { found, html } = await caseProgressHtml(ctx, params.caseNo, params.code);
      // Never cached: the page follows the case, and the address holds the receipt's code.
      void reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      return withStatus(found ? 200 : 404, html);
    }),
    route(publicApi.displayPage, 'public', async ({ request, reply }) => {
      limit.claim(request.ip);
      void reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache');
      return displayPageHtml((await hub.currentNames()).hallName);
    }),
    route(publicApi.display, 'public', async ({ query, request }) => {
      limit.claim(request.ip);
      return displayState(ctx, await hub.currentNames(), zonesOf(query));
    }),
    route(publicApi.displayEvents, 'public', async ({ query, request, reply }) => {
      limit.claim(request.ip);
      await streamDisplay(ctx, hub, request, reply, { zones: zonesOf(query), windowEvents: query.windowEvents !== '0' }, query.lastEventId);
      return HIJACKED;
    }),
    route(publicApi.windowScreenPage, 'public', async ({ params, request, reply }) => {
      limit.claim(request.ip);
      const w = await windowScreen(ctx, params.code);
      void reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache');
      return windowPageHtml(w.code, w.name);
    }),
    route(publicApi.displaySettings, 'public', async ({ request }) => {
      limit.claim(request.ip);
      return hub.currentSettings();
    }),
    route(publicApi.putDisplaySettings, 'public', async ({ body, auth, request }) => {
      const saved = await inWork(ctx, actorOf(auth, request), (w) => saveDisplaySettings(w, body));
      hub.forgetSettings();
      return saved;
    }),
    route(publicApi.displayVoice, 'public', async ({ query, request, reply }) => {
      limit.claim(request.ip);
      const wav = await voice.say(query.text);
      void reply.type('audio/wav').header('cache-control', 'public, max-age=3600');
      return wav;
    }),
    route(publicApi.queuePositionPage, 'public', async ({ params, request, reply }) => {
      limit.claim(request.ip);
      const names = await hub.currentNames();
      void reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      try {
        return positionPageHtml(names.hallName, params.token, await queuePosition(ctx, names, params.token));
      } catch (e) {
        if (e instanceof HallError && e.code === 'TICKET_NOT_FOUND') return withStatus(404, positionNotFoundHtml(names.hallName));
        throw e;
      }
    }),
    route(publicApi.queuePosition, 'public', async ({ params, request }) => {
      limit.claim(request.ip);
      return queuePosition(ctx, await hub.currentNames(), params.token);
    }),
    route(publicApi.windowScreen, 'public', async ({ params, request }) => {
      limit.claim(request.ip);
      return windowScreen(ctx, params.code);
    }),
  ];
});

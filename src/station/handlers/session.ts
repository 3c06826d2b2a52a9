import type { StationHandlers } from '../../contract/station-api';
import type { StationContext } from '../context';

export function sessionHandlers(ctx: StationContext): Pick<StationHandlers, 'session.get' | 'session.login' | 'session.logout'> {
  return {
    async 'session.get'() {
      return ctx.session.get();
    },
    async 'session.login'({ username, password, windowCode }) {
      const session = await ctx.session.login(username, password, windowCode);
      ctx.store.audit.record(ctx.store.db, {
        staffId: session.staff.id,
        windowCode: session.window?.code ?? null,
        action: session.offline ? 'session.login-offline' : 'session.login',
        entity: 'session',
        entityId: session.staff.username,
      });
      void ctx.sync.trigger('login', { force: true });
      return session;
    },
    async 'session.logout'() {
      const s = ctx.session.get();
      await ctx.session.logout();
      if (s) ctx.store.audit.record(ctx.store.db, { staffId: s.staff.id, windowCode: s.window?.code ?? null, action: 'session.logout', entity: 'session', entityId: s.staff.username });
      return null;
    },
  };
}

import type { LoginResponse } from '../contract/api';
import type { Session } from '../contract/station-api';
import { DomainFailure } from '../domain/result';
import type { CatalogCache } from './catalog-cache';
import { HALL_UNREACHABLE_MESSAGE } from './errors';
import { HallCallError, type HallClient } from './hall-client';
import type { CachedStaff, Store } from './store';

export interface SessionManagerOptions {
  store: Store;
  hall: HallClient | null;
  catalog: CatalogCache;
  defaultWindow: string | null;
  onChange: (s: Session | null) => void;
}

type WindowInfo = NonNullable<Session['window']>;

/**
 * Who works at this station. Online sign-in goes to the hall server and leaves an scrypt verifier
 * for offline sign-in; the password itself is kept in memory only, to sign in again when the hall
 * server comes back or forgets the token (server restart), never written anywhere.
 */
export class SessionManager {
  private current: Session | null = null;
  private password: string | null = null;
  private reauthing: Promise<string | null> | null = null;

  constructor(private readonly o: SessionManagerOptions) {}

  get(): Session | null {
    return this.current;
  }

  /** The signed-in session, or NOT_SIGNED_IN. */
  require(): Session {
    if (!this.current) throw new DomainFailure('NOT_SIGNED_IN', '请先登录');
    return this.current;
  }

  /** The session's window, or NO_WINDOW (a supervisor signed in without one). */
  requireWindow(kind?: 'counter' | 'reception'): WindowInfo {
    const s = this.require();
    if (!s.window) throw new DomainFailure('NO_WINDOW', '本次登录没有选择窗口，请退出后选择窗口重新登录');
    if (kind === 'counter' && s.window.kind !== 'counter') throw new DomainFailure('WINDOW_KIND_MISMATCH', `${s.window.name} 是导服台，不能受理办件`);
    return s.window;
  }

  /** A token for the hall server, or HALL_UNREACHABLE when this session could not reach it. */
  requireOnline(): HallClient {
    this.require();
    const hall = this.o.hall;
    if (!hall) throw new HallCallError('HALL_UNREACHABLE', HALL_UNREACHABLE_MESSAGE, 0);
    return hall;
  }

  private windowFromCache(code: string | null): WindowInfo | null {
    if (!code || !this.o.catalog.hasCatalog()) return null;
    const w = this.o.catalog.catalog().windows.find((x) => x.code === code);
    return w ? { code: w.code, name: w.name, kind: w.kind, zoneCodes: w.zones.map((z) => z.zoneCode) } : null;
  }

  private hallName(): string {
    return this.o.catalog.hasCatalog() ? this.o.catalog.catalog().hall.name : '政务服务大厅';
  }

  private fromLogin(r: LoginResponse): Session {
    return {
      staff: { id: r.staff.id, username: r.staff.username, name: r.staff.name, role: r.staff.role },
      window: r.window ? { code: r.window.code, name: r.window.name, kind: r.window.kind, zoneCodes: r.window.zoneCodes } : null,
      hall: { name: this.hallName() },
      offline: false,
    };
  }

  async login(username: string, password: string, windowCode?: string): Promise<Session> {
    const hall = this.o.hall;
    const wanted = windowCode ?? this.o.defaultWindow ?? undefined;
    if (hall) {
      try {
        const r = await hall.call('login', { body: { username, password, ...(wanted ? { windowCode: wanted } : {}) } });
        hall.token = r.token;
        this.o.store.verifiers.remember(r.staff, password);
        return this.set(this.fromLogin(r), password);
      } catch (e) {
        if (!(e instanceof HallCallError) || !e.unreachable) throw e;
      }
    }
    // The hall server is out of reach: the verifier of the last good online sign-in decides.
    const staff: CachedStaff | null = this.o.store.verifiers.verify(username, password);
    if (!staff) {
      throw new DomainFailure(
        'OFFLINE_LOGIN_FAILED',
        '大厅服务器无法连接，且用户名或密码与本机上次联网登录时不符（离线登录只适用于在本机联网登录过的账号）',
      );
    }
    const window = this.windowFromCache(wanted ?? null);
    if (wanted && !window) throw new DomainFailure('WINDOW_UNKNOWN', `窗口 ${wanted} 不在本机缓存的目录中`);
    return this.set({ staff, window, hall: { name: this.hallName() }, offline: true }, password);
  }

  async logout(): Promise<void> {
    const hall = this.o.hall;
    if (hall?.token) await hall.call('logout').catch(() => undefined);
    if (hall) hall.token = null;
    this.password = null;
    this.current = null;
    this.o.onChange(null);
  }

  private set(s: Session, password: string): Session {
    this.current = s;
    this.password = password;
    this.o.onChange(s);
    return s;
  }

  /**
   * Called by the hall client on a 401 (token forgotten, offline session, server back): signs in
   * again with the password held in memory. Concurrent calls share one attempt.
   */
  reauthenticate(): Promise<string | null> {
    if (this.reauthing) return this.reauthing;
    this.reauthing = (async () => {
      const hall = this.o.hall;
      const s = this.current;
      if (!hall || !s || this.password === null) return null;
      try {
        const r = await hall.call('login', { body: { username: s.staff.username, password: this.password, ...(s.window ? { windowCode: s.window.code } : {}) } });
        hall.token = r.token;
        this.o.store.verifiers.remember(r.staff, this.password);
        const next = this.fromLogin(r);
        this.current = { ...next, window: next.window ?? s.window };
        this.o.onChange(this.current);
        return r.token;
      } catch {
        return null;
      }
    })().finally(() => {
      this.reauthing = null;
    });
    return this.reauthing;
  }
}

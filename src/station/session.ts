import type { LoginResponse } from '../contract/api';
import type { ErrorBody } from '../contract/primitives';
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
  /** `ended`: the hall ended the session, and why (the sign-in screen says so). */
  onChange: (s: Session | null, ended?: ErrorBody) => void;
}

/** Why the hall ended a session, as the clerk is told at the sign-in screen. */
const ENDED: Record<string, string> = {
  'taken-over': '另一位工作人员已在本窗口登录，您的登录已结束',
  'password-changed': '您的密码已修改，请用新密码重新登录',
  'account-changed': '管理员修改或停用了您的账号，请重新登录',
  revoked: '管理员已结束您的登录',
  'station-revoked': '管理员已停用这台电脑，请在已批准的电脑上登录',
  expired: '登录已到期，请重新登录',
  idle: '长时间未操作，登录已自动结束，请重新登录',
  'signed-out': '您已在别处退出登录',
};

type WindowInfo = NonNullable<Session['window']>;

/**
 * Who works at this station. Online sign-in goes to the hall server and leaves a salted scrypt
 * verifier for offline sign-in. The password itself is never kept, not even in memory: when the
 * hall ends the session (another clerk took the window, the password changed, it idled out) the
 * clerk is sent back to sign in with the reason; after an offline sign-in the clerk signs in again
 * once the hall is back, and what was done offline syncs then.
 */
export class SessionManager {
  private current: Session | null = null;

  constructor(private readonly o: SessionManagerOptions) {}

  /** The hall answered 401 to this session's token (hall-client.ts onSessionEnded). */
  ended(error: { code: string; details?: Record<string, unknown> | undefined }): void {
    if (!this.current || this.current.offline) return;
    const reason = typeof error.details?.reason === 'string' ? error.details.reason : 'expired';
    this.current = null;
    this.o.onChange(null, { code: 'SESSION_ENDED', message: ENDED[reason] ?? ENDED.expired!, details: { reason } });
  }

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
      staff: { id: r.staff.id, username: r.staff.username, name: r.staff.name, role: r.staff.role, departmentCodes: r.staff.departmentCodes },
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
        if (r.staff.role === 'portal') {
          await hall.call('logout').catch(() => undefined);
          throw new DomainFailure('ROLE_NOT_AT_STATION', '接口账号不能在工作站登录');
        }
        hall.token = r.token;
        this.o.store.verifiers.remember(r.staff, password);
        return this.set(this.fromLogin(r));
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
    const who = { id: staff.id, username: staff.username, name: staff.name, role: staff.role, departmentCodes: staff.departmentCodes ?? [] };
    return this.set({ staff: who, window, hall: { name: this.hallName() }, offline: true });
  }

  async logout(): Promise<void> {
    const hall = this.o.hall;
    if (hall?.token) await hall.call('logout').catch(() => undefined);
    if (hall) hall.token = null;
    this.current = null;
    this.o.onChange(null);
  }

  /** Whether the hall knows this session (a token): pushes and pulls need one. */
  online(): boolean {
    return this.current !== null && !this.current.offline && (this.o.hall?.token ?? null) !== null;
  }

  private set(s: Session): Session {
    this.current = s;
    this.o.onChange(s);
    return s;
  }
}

import type { MutationName } from '../../contract/sync';
import { HallError } from '../http/errors';

/**
 * Who may do what in the hall: the ONE table (ARCHITECTURE.md "Who may do what"). Every route of
 * the hall server and every sync mutation has a row here: which roles may call it, and how far each
 * role reaches (its scope). The route layer refuses a role the row does not name before the handler
 * runs; the handler names what it acts on (a window, a zone, a case's station or departments) and
 * the permit decides. Nothing else in the hall server looks at a role.
 *
 * Roles: clerk (a reception desk is a clerk at a `kind: reception` window), supervisor (its zones),
 * approver (its departments: windows take in, departments decide), admin (the hall), portal (the
 * online portal's integration account: only its own routes).
 */

export const roles = ['clerk', 'supervisor', 'approver', 'admin', 'portal'] as const;
export type Role = (typeof roles)[number];

/**
 * How far a grant reaches, from narrowest to widest:
 * - `self`: the caller's own account and session;
 * - `window`: the window the session signed in at;
 * - `station`: the station (window PC) the session signed in from: the cases it took in;
 * - `zones`: the caller's zones (a reception desk's clerk has every zone);
 * - `departments`: the caller's departments (approvers);
 * - `hall`: everything.
 */
export const scopes = ['self', 'window', 'station', 'zones', 'departments', 'hall'] as const;
export type Scope = (typeof scopes)[number];

export type Grant = Partial<Record<Role, Scope>>;

/**
 * A route's row. `public`: anyone, signed in or not; the answer carries public fields only, and the
 * route may be rate-limited per address. Otherwise the roles that may call it and their scopes;
 * `hidden`: out of scope answers as if the thing did not exist (404), so identifiers cannot be probed.
 */
export type PublicRule = { readonly public: true };
export type GrantRule = { readonly grants: Grant; readonly hidden?: boolean };
export type Rule = PublicRule | GrantRule;

export const PUBLIC: PublicRule = { public: true };
const grants = (g: Grant, opts: { hidden?: boolean } = {}): GrantRule => ({ grants: g, ...opts });

/** Everyone signed in, each on its own account only. */
const SELF: Grant = { clerk: 'self', supervisor: 'self', approver: 'self', admin: 'self', portal: 'self' };
const ADMIN: Grant = { admin: 'hall' };
/** The queue at a window: its clerk; a supervisor of the window's zones; an administrator. */
const AT_WINDOW: Grant = { clerk: 'window', supervisor: 'zones', admin: 'hall' };
/** The queue of a zone: its clerks (every zone for a reception desk), its supervisors, an administrator. */
const IN_ZONE: Grant = { clerk: 'zones', supervisor: 'zones', admin: 'hall' };
/**
 * The online inbox: a clerk at a counter window serving the application's zone (online/scope.ts
 * names the window as the application's target), a supervisor of the zone, an administrator.
 */
const INBOX: Grant = { clerk: 'window', supervisor: 'zones', admin: 'hall' };
/** Sync: always through a registered station, with the session signed in from it. */
const FROM_STATION: Grant = { clerk: 'station', supervisor: 'station', approver: 'station', admin: 'station' };

/**
 * Routes by `METHOD path` (Fastify's path syntax). A route the table does not name cannot be
 * registered (RouteRegistry refuses it at start-up), so a new route needs its row here.
 */
export const routePolicy = {
  'GET /healthz': PUBLIC,
  'GET /api/v1/openapi.json': PUBLIC,

  'POST /api/v1/auth/login': PUBLIC,
  'POST /api/v1/auth/logout': grants(SELF),
  'GET /api/v1/auth/me': grants(SELF),
  'POST /api/v1/auth/password': grants(SELF),

  'GET /api/v1/staff': grants(ADMIN),
  'POST /api/v1/staff': grants(ADMIN),
  'PATCH /api/v1/staff/:username': grants(ADMIN),
  'POST /api/v1/staff/:username/api-keys': grants(ADMIN),
  'DELETE /api/v1/staff/:username/api-keys/:id': grants(ADMIN),

  // A station registers by itself (its registration waits for an administrator outside demo mode).
  'POST /api/v1/stations/register': PUBLIC,
  'GET /api/v1/stations/self': PUBLIC,
  'GET /api/v1/stations': grants(ADMIN),
  'POST /api/v1/stations/:id/approve': grants(ADMIN),
  'POST /api/v1/stations/:id/revoke': grants(ADMIN),

  'GET /api/v1/catalog': PUBLIC,
  'POST /api/v1/catalog/import': grants(ADMIN),
  'GET /api/v1/calendar': PUBLIC,
  'GET /api/v1/calendar/due-date': PUBLIC,
  'GET /api/v1/calendar/:year': PUBLIC,
  'GET /api/v1/calendar/:year/revisions': grants(ADMIN),
  'POST /api/v1/calendar/:year/preview': grants(ADMIN),
  'PUT /api/v1/calendar/:year': grants(ADMIN),
  // Cases whose internal deadline an official calendar moved: the zones' supervisors act on them.
  'GET /api/v1/calendar/moved-deadlines': grants({ supervisor: 'zones', admin: 'hall' }),

  'POST /api/v1/tickets': grants(IN_ZONE),
  'GET /api/v1/tickets': grants(IN_ZONE),
  'GET /api/v1/tickets/:id': grants(IN_ZONE),
  'POST /api/v1/tickets/:id/recall': grants(AT_WINDOW),
  'POST /api/v1/tickets/:id/no-show': grants(AT_WINDOW),
  'POST /api/v1/tickets/:id/reactivate': grants(AT_WINDOW),
  'POST /api/v1/tickets/:id/start': grants(AT_WINDOW),
  'POST /api/v1/tickets/:id/finish': grants(AT_WINDOW),
  'POST /api/v1/tickets/:id/transfer': grants(AT_WINDOW),
  'POST /api/v1/tickets/:id/reassign': grants({ supervisor: 'zones', admin: 'hall' }),
  'POST /api/v1/tickets/:id/cancel': grants(AT_WINDOW),
  'POST /api/v1/windows/:code/call-next': grants(AT_WINDOW),
  'POST /api/v1/windows/:code/pause': grants(AT_WINDOW),
  'POST /api/v1/windows/:code/resume': grants(AT_WINDOW),
  'GET /api/v1/windows/:code': grants(AT_WINDOW),
  'GET /api/v1/windows/:code/pauses': grants(AT_WINDOW),
  // A reception desk (every zone) sees waiting counts and open windows before it issues into a
  // zone; a counter clerk sees its own zones' floor.
  'GET /api/v1/hall': grants({ clerk: 'zones', supervisor: 'zones', admin: 'hall' }),

  // The staff live feed: queue events of the caller's zones, case pokes for what it may pull.
  'GET /api/v1/events': grants({ clerk: 'zones', supervisor: 'zones', approver: 'departments', admin: 'hall' }),

  'POST /api/v1/sync/push': grants(FROM_STATION),
  'GET /api/v1/sync/pull': grants(FROM_STATION),
  // A full case (ID number, phone, address): the station that took it in (or anyone at a window
  // holding the receipt's code, with a reason), the zone's supervisors, the deciding departments.
  'GET /api/v1/cases/:caseNo': grants({ clerk: 'station', supervisor: 'zones', approver: 'departments', admin: 'hall' }, { hidden: true }),
  'GET /api/v1/cases': grants({ clerk: 'zones', supervisor: 'zones', approver: 'departments', admin: 'hall' }),

  // The online inbox (ONLINE.md): the portal files, corrects and withdraws its own; a clerk works
  // the applications of the zones its counter window serves, a supervisor its zones. Out of scope
  // an application does not exist (404), so portal ids and application ids cannot be probed.
  // Filed by the portal, or by a clerk at a town centre's window (channel town, the centre from the
  // session: online/scope.ts filingCentre); a centre's window lists and reads what its centre filed.
  'POST /api/v1/online-applications': grants({ portal: 'self', clerk: 'window' }),
  'GET /api/v1/online-applications': grants({ ...INBOX, portal: 'self' }),
  'GET /api/v1/online-applications/:id': grants({ ...INBOX, portal: 'self' }, { hidden: true }),
  'GET /api/v1/online-applications/:id/materials/:n': grants(INBOX, { hidden: true }),
  'POST /api/v1/online-applications/:id/return': grants(INBOX, { hidden: true }),
  'POST /api/v1/online-applications/:id/correction': grants({ portal: 'self' }, { hidden: true }),
  'POST /api/v1/online-applications/:id/accept': grants(INBOX, { hidden: true }),
  'POST /api/v1/online-applications/:id/refuse': grants(INBOX, { hidden: true }),
  'POST /api/v1/online-applications/:id/withdraw': grants({ portal: 'self' }, { hidden: true }),
  // How long online material files are kept, and the purge of the rest: the hall's, set and run by
  // its administrator (supervisors may read the setting, as they read the follow-up deadlines).
  'GET /api/v1/material-retention': grants({ supervisor: 'hall', admin: 'hall' }),
  'PUT /api/v1/material-retention': grants(ADMIN),
  'POST /api/v1/material-retention/purge': grants(ADMIN),
  'GET /api/v1/material-retention/runs': grants(ADMIN),
  // 好差评: a finished ticket is rated at the window that served it (the pad, or its clerk).
  'POST /api/v1/tickets/:id/evaluation': grants(AT_WINDOW),
  // Ratings: a clerk its own window's, a supervisor its zones', an administrator the hall's.
  'GET /api/v1/evaluations': grants({ clerk: 'window', supervisor: 'zones', admin: 'hall' }),
  // A clerk of the rated window appeals a malicious rating; the zone's supervisor decides.
  'POST /api/v1/evaluations/:id/appeal': grants({ clerk: 'window' }, { hidden: true }),
  'POST /api/v1/evaluations/:id/appeal/decision': grants({ supervisor: 'zones', admin: 'hall' }, { hidden: true }),
  // The answer to a bad rating is the zone's supervisors' work.
  'GET /api/v1/evaluation-follow-ups': grants({ supervisor: 'zones', admin: 'hall' }),
  'PATCH /api/v1/evaluation-follow-ups/:id': grants({ supervisor: 'zones', admin: 'hall' }),
  // The deadlines for answering bad ratings: the hall's, set by its administrator.
  'GET /api/v1/evaluation-settings': grants({ supervisor: 'hall', admin: 'hall' }),
  'PUT /api/v1/evaluation-settings': grants(ADMIN),
  // Appointments (CITIZEN.md part E). Slots are no one's personal data: the portal reads and books
  // any zone's; staff their zones'. The portal cancels only what it booked (`self`: the booking's
  // bookedBy). Reception (a clerk with every zone) finds and checks in; an appointment out of scope
  // does not exist (404), so ids cannot be probed.
  'POST /api/v1/appointment-slots': grants({ supervisor: 'zones', admin: 'hall' }),
  'POST /api/v1/appointment-slots/week': grants({ supervisor: 'zones', admin: 'hall' }),
  'GET /api/v1/appointment-slots': grants({ portal: 'hall', clerk: 'zones', supervisor: 'zones', admin: 'hall' }),
  'POST /api/v1/appointments': grants({ portal: 'hall', supervisor: 'zones', admin: 'hall' }),
  'GET /api/v1/appointments': grants(IN_ZONE),
  'POST /api/v1/appointments/:id/cancel': grants({ portal: 'self', clerk: 'zones', supervisor: 'zones', admin: 'hall' }, { hidden: true }),
  'POST /api/v1/appointments/:id/check-in': grants(IN_ZONE, { hidden: true }),
  // Reports: a supervisor its zones, an administrator the hall, a clerk its own figures, an approver
  // its departments' cases (reports/facts.ts narrows the rows by the scope).
  'GET /api/v1/reports/queue': grants({ clerk: 'self', supervisor: 'zones', admin: 'hall' }),
  'GET /api/v1/reports/cases': grants({ clerk: 'self', supervisor: 'zones', approver: 'departments', admin: 'hall' }),
  'GET /api/v1/reports/evaluations': grants({ clerk: 'self', supervisor: 'zones', admin: 'hall' }),
  // The 日报 / 月报 (queue, cases and ratings on one page): the same reach as the queue report.
  'GET /api/v1/reports/summary': grants({ clerk: 'self', supervisor: 'zones', admin: 'hall' }),
  // The board's channel figures (today's and the month's cases by channel, the inbox's overdue
  // pre-reviews): the supervisor board's, within its zones; an administrator the hall's.
  'GET /api/v1/reports/channels': grants({ supervisor: 'zones', admin: 'hall' }),
  // The citizens' pages and hall screens (src/central/public): public fields only, limited per address.
  'GET /c/:caseNo/:code': PUBLIC,
  'GET /display': PUBLIC,
  'GET /api/v1/display': PUBLIC,
  'GET /api/v1/display/events': PUBLIC,
  'GET /display/window/:code': PUBLIC,
  'GET /api/v1/display/settings': PUBLIC,
  'PUT /api/v1/display/settings': grants(ADMIN),
  'GET /api/v1/display/voice': PUBLIC,
  'GET /q/:token': PUBLIC,
  'GET /api/v1/q/:token': PUBLIC,
  'GET /api/v1/display/windows/:code': PUBLIC,
} as const satisfies Record<string, Rule>;

export type RouteKey = keyof typeof routePolicy;

/** Intake at a window: whoever is signed in at that window. */
const TAKE_IN: Grant = { clerk: 'window', supervisor: 'window', admin: 'window' };
/** Deciding: the departments a case was sent to. */
const DECIDE: Grant = { approver: 'departments', admin: 'hall' };

/** Sync mutations by name. The target is the case (its window, station, zones, departments). */
export const mutationPolicy = {
  'case.accept': TAKE_IN,
  'case.accept-deferred': TAKE_IN,
  'case.notify-correction': TAKE_IN,
  'case.reject': TAKE_IN,
  // A material handed in later, the result handed out: at the station that took the case in.
  'case.supplement-material': { clerk: 'station', supervisor: 'station', admin: 'hall' },
  'case.dispatch': DECIDE,
  'case.decide': DECIDE,
  'case.pause-clock': DECIDE,
  'case.resume-clock': DECIDE,
  'case.mark-ready': { approver: 'departments', clerk: 'station', supervisor: 'station', admin: 'hall' },
  'case.deliver': { clerk: 'station', supervisor: 'station', admin: 'hall' },
  'case.evaluate': { clerk: 'station', supervisor: 'station', admin: 'hall' },
  // The pad's rating, pushed by the station of the window that served the ticket (offline too).
  'ticket.evaluate': { clerk: 'window', supervisor: 'window', admin: 'window' },
} as const satisfies Record<MutationName, Grant>;

/**
 * The cases a station receives in full by pull, to work on them offline: the clerk's station those
 * it took in; an approver's those of its departments. (Everything else in the change log — the
 * catalogue, the calendar, tickets with masked ID numbers — goes to every station.)
 */
export const pullPolicy: Grant = { clerk: 'station', supervisor: 'station', approver: 'departments', admin: 'station' };

/* ---- who is asking ----------------------------------------------------------------------------- */

/** The caller as the policy sees it (auth/guard.ts builds it from the session or API key). */
export interface Principal {
  staffId: string;
  username: string;
  role: Role;
  zoneCodes: readonly string[];
  departmentCodes: readonly string[];
  /** The window the session signed in at. */
  windowCode: string | null;
  /** The registered station the session signed in from. */
  stationId: string | null;
}

/** What an action touches. A scope whose field is missing here is out of scope (fail closed). */
export interface Target {
  staffId?: string;
  windowCode?: string | null;
  stationId?: string | null;
  zoneCodes?: readonly string[];
  departmentCodes?: readonly string[];
}

/** For lists: the rows a caller may see, as one filter. */
export type ScopeFilter =
  | { kind: 'all' }
  | { kind: 'self'; staffId: string }
  | { kind: 'window'; windowCode: string | null }
  | { kind: 'station'; stationId: string | null }
  | { kind: 'zones'; zoneCodes: readonly string[] }
  | { kind: 'departments'; departmentCodes: readonly string[] };

const overlaps = (a: readonly string[] | undefined, b: readonly string[]) => a !== undefined && a.some((x) => b.includes(x));

export function inScope(p: Principal, scope: Scope, t: Target): boolean {
  switch (scope) {
    case 'hall':
      return true;
    case 'self':
      return t.staffId !== undefined && t.staffId === p.staffId;
    case 'window':
      return p.windowCode !== null && t.windowCode === p.windowCode;
    case 'station':
      return p.stationId !== null && t.stationId === p.stationId;
    case 'zones':
      return overlaps(t.zoneCodes, p.zoneCodes);
    case 'departments':
      return overlaps(t.departmentCodes, p.departmentCodes);
  }
}

export function scopeFilter(p: Principal, scope: Scope): ScopeFilter {
  switch (scope) {
    case 'hall':
      return { kind: 'all' };
    case 'self':
      return { kind: 'self', staffId: p.staffId };
    case 'window':
      return { kind: 'window', windowCode: p.windowCode };
    case 'station':
      return { kind: 'station', stationId: p.stationId };
    case 'zones':
      return { kind: 'zones', zoneCodes: p.zoneCodes };
    case 'departments':
      return { kind: 'departments', departmentCodes: p.departmentCodes };
  }
}

const outOfScope: Record<Exclude<Scope, 'hall'>, { code: string; message: (p: Principal) => string }> = {
  self: { code: 'FORBIDDEN', message: () => 'this belongs to another account' },
  window: { code: 'WINDOW_FORBIDDEN', message: (p) => `this is not at your window (you are signed in at ${p.windowCode ?? 'no window'})` },
  station: { code: 'STATION_FORBIDDEN', message: () => 'this belongs to another station (window PC)' },
  zones: { code: 'ZONE_FORBIDDEN', message: (p) => `this is in none of your zones (${p.zoneCodes.join(', ') || 'none'})` },
  departments: { code: 'DEPARTMENT_FORBIDDEN', message: (p) => `this concerns none of your departments (${p.departmentCodes.join(', ') || 'none'})` },
};

/**
 * What a caller may do with one route or mutation: the role passed the table; `require` and
 * `filter` apply the scope. Routes must use one of them (or be public, or have the `hall` scope):
 * the route layer checks that the handler did, so a forgotten check fails loudly instead of letting
 * everyone through.
 */
export class Permit {
  /** True once the handler asked about its scope (require, allows or filter). */
  checked = false;

  constructor(
    readonly principal: Principal,
    readonly scope: Scope,
    private readonly hidden: boolean,
    /** What is being done, for the error message: a route key or a mutation name. */
    readonly what: string,
  ) {}

  allows(t: Target): boolean {
    this.checked = true;
    return inScope(this.principal, this.scope, t);
  }

  /** Throws 403 with the scope's code, or `notFound()` where the row hides what is out of scope. */
  require(t: Target, notFound?: () => HallError): void {
    if (this.allows(t)) return;
    if (this.hidden && notFound) throw notFound();
    if (this.scope === 'hall') return;
    const o = outOfScope[this.scope];
    throw new HallError(o.code, `${this.what}: ${o.message(this.principal)}`, { scope: this.scope, role: this.principal.role });
  }

  filter(): ScopeFilter {
    this.checked = true;
    return scopeFilter(this.principal, this.scope);
  }

  /** Whether the handler must still ask (every scope but the whole hall names something). */
  get needsCheck(): boolean {
    return this.scope !== 'hall';
  }
}

/** The permit for a role under a grant, or ROLE_FORBIDDEN naming the roles that may. */
export function permitFor(p: Principal, grant: Grant, what: string, hidden = false): Permit {
  const scope = grant[p.role];
  if (scope === undefined) {
    const may = Object.keys(grant);
    throw new HallError('ROLE_FORBIDDEN', `${what} is not for the ${p.role} role (only ${may.join(', ') || 'nobody'})`, { role: p.role, roles: may });
  }
  return new Permit(p, scope, hidden, what);
}

export function routeRule(method: string, path: string): Rule | undefined {
  return (routePolicy as Record<string, Rule>)[`${method} ${path}`];
}

export function mutationPermit(p: Principal, name: MutationName): Permit {
  return permitFor(p, mutationPolicy[name], name);
}

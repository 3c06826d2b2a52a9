import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Endpoint } from '../../contract/api';
import { describeIssue } from '../../contract/catalog';
import type { HallContext } from '../context';
import { authenticate, type StaffAuth } from '../auth/guard';
import { permitFor, routeRule, type Permit, type PublicRule, type Rule, type routePolicy } from '../auth/policy';
import { HallError } from './errors';

/**
 * One route = one contract declaration (src/contract/api.ts: method, path, who may call it, the zod
 * schemas in and out) plus a handler. The same declaration feeds Fastify, input validation, the
 * optional response check and the OpenAPI document, so they cannot drift apart.
 */
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** The policy row of an endpoint (auth/policy.ts), looked up by its method and path. */
type RuleOf<E extends Endpoint> = `${E['method']} ${E['path']}` extends keyof typeof routePolicy ? (typeof routePolicy)[`${E['method']} ${E['path']}`] : Rule;
type IsPublic<E extends Endpoint> = RuleOf<E> extends PublicRule ? true : false;

export interface RouteInput<E extends Endpoint> {
  params: Out<E['params']>;
  query: Out<E['query']>;
  body: Out<E['body']>;
  /** The signed-in caller; null only on public routes called without a token. */
  auth: IsPublic<E> extends true ? StaffAuth | null : StaffAuth;
  /**
   * What the caller's role may reach on this route (auth/policy.ts): the handler names what it acts
   * on (`permit.require({ windowCode })`) or lists through `permit.filter()`. Null on public routes.
   */
  permit: IsPublic<E> extends true ? null : Permit;
  ctx: HallContext;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<E extends Endpoint = Endpoint> {
  endpoint: E;
  /** OpenAPI tag: the module's name. */
  tag: string;
  handler: (input: RouteInput<E>) => Promise<unknown>;
}

/** A status other than 200 (201 created, 204 nothing). */
export class Replied {
  constructor(
    readonly status: number,
    readonly body?: unknown,
  ) {}
}
export const withStatus = (status: number, body?: unknown) => new Replied(status, body);
export const created = (body: unknown) => new Replied(201, body);
export const noContent = () => new Replied(204);
/** Returned by handlers that wrote the response themselves (SSE). */
export const HIJACKED = Symbol('hijacked');

export function route<E extends Endpoint>(endpoint: E, tag: string, handler: (input: RouteInput<E>) => Promise<unknown>): RouteSpec<E> {
  return { endpoint, tag, handler };
}

export type AnyRoute = RouteSpec<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every registered route, for the OpenAPI document. */
export class RouteRegistry {
  readonly routes: AnyRoute[] = [];
  add(r: AnyRoute): void {
    this.routes.push(r);
  }
}

// PostgreSQL stores neither a NUL character in text nor a lone UTF-16 surrogate in jsonb; such a
// string is also never something a person typed. Refused at the door, before any schema or query.
// eslint-disable-next-line no-control-regex -- the NUL character is exactly what this looks for
const NOT_STORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unstorableText(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return NOT_STORABLE.test(value) ? path || '(value)' : null;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  for (const [k, v] of Object.entries(value)) {
    const here = Array.isArray(value) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
    if (NOT_STORABLE.test(k)) return here;
    const bad = unstorableText(v, here, depth + 1);
    if (bad) return bad;
  }
  return null;
}

function parseOrThrow(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const bad = unstorableText(value, '');
  if (bad) {
    const issue = `${bad}: contains a NUL character or a broken (lone surrogate) character`;
    throw new HallError('VALIDATION_FAILED', `the ${where} is not valid: ${issue}`, { where, issues: [issue] });
  }
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map(describeIssue);
  throw new HallError('VALIDATION_FAILED', `the ${where} is not valid: ${issues.slice(0, 3).join('; ')}`, { where, issues });
}

/** While an account must change its password, it may do only this (and see who it is, and sign out). */
const WHILE_PASSWORD_MUST_CHANGE = new Set(['POST /api/v1/auth/password', 'GET /api/v1/auth/me', 'POST /api/v1/auth/logout']);

/** Register routes on Fastify (inside the module's plugin) and in the registry. */
export function registerRoutes(app: FastifyInstance, ctx: HallContext, routes: AnyRoute[]): void {
  for (const spec of routes) {
    const e = spec.endpoint;
    const key = `${e.method} ${e.path}`;
    const rule = routeRule(e.method, e.path);
    // A route without its row in the policy table does not start: nobody could say who may call it.
    if (!rule) throw new Error(`route ${key} has no row in the policy table (src/central/auth/policy.ts)`);
    ctx.routes.add(spec);
    app.route({
      method: e.method,
      url: e.path,
      handler: async (request, reply) => {
        let auth: StaffAuth | null;
        let permit: Permit | null = null;
        if ('public' in rule) {
          // A stale token on a public route (the catalogue) is ignored rather than refused.
          auth = await authenticate(ctx, request).catch(() => null);
        } else {
          auth = await authenticate(ctx, request, { allowQueryToken: e.produces === 'text/event-stream' });
          if (!auth) throw new HallError('UNAUTHENTICATED', 'sign in first (Authorization: Bearer <token>)');
          if (auth.mustChangePassword && !WHILE_PASSWORD_MUST_CHANGE.has(key)) {
            throw new HallError('PASSWORD_CHANGE_REQUIRED', 'choose a new password first (POST /api/v1/auth/password)');
          }
          permit = permitFor(auth, rule.grants, key, rule.hidden ?? false);
        }
        const params = parseOrThrow(e.params, request.params, 'path');
        const query = parseOrThrow(e.query, request.query, 'query');
        const body = parseOrThrow(e.body, request.body ?? {}, 'body');
        if (auth) request.log = request.log.child({ staff: auth.username, window: auth.windowCode ?? undefined });
        const out = await spec.handler({ params, query, body, auth, permit, ctx, request, reply } as RouteInput<Endpoint>);
        // A handler that never asked about its scope would let every caller of a permitted role through.
        if (permit?.needsCheck && !permit.checked) throw new Error(`route ${key} did not check the caller's scope (${permit.scope})`);
        if (out === HIJACKED) return reply;
        const status = out instanceof Replied ? out.status : 200;
        const payload = out instanceof Replied ? out.body : out;
        if (ctx.config.validateResponses) checkResponse(e, status, payload);
        reply.code(status);
        if (status === 204 || payload === undefined) return reply.send();
        return reply.send(payload);
      },
    });
  }
}

function checkResponse(e: Endpoint, status: number, payload: unknown): void {
  const schema = e.responses[status];
  if (schema === undefined) throw new Error(`${e.method} ${e.path} answered ${status}, which its contract does not list`);
  if (schema === null) return;
  const r = schema.safeParse(payload);
  if (!r.success) {
    throw new Error(`${e.method} ${e.path} answered a ${status} body outside its contract: ${r.error.issues.map(describeIssue).join('; ')}`);
  }
}

/** A module of the hall server: a Fastify plugin that registers its routes with the shared context. */
export type HallModule = FastifyPluginAsync<{ ctx: HallContext }>;

export function hallModule(name: string, routes: (ctx: HallContext) => AnyRoute[]): HallModule {
  const plugin: HallModule = async (app, { ctx }) => {
    registerRoutes(app, ctx, routes(ctx));
  };
  Object.defineProperty(plugin, 'name', { value: `hall-${name}` });
  return plugin;
}

import { z } from 'zod';
import { errorResponseSchema } from '../../contract/api';
import { routeRule, type Rule } from '../auth/policy';
import type { AnyRoute } from './route';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  // Dates, transforms and refinements have no exact JSON Schema; "any" keeps the document valid.
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
}

const toOpenApiPath = (p: string) => p.replace(/:([A-Za-z_]+)/g, '{$1}');

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

/** Who may call a route, in words, from its row of the policy table: `clerk (window), supervisor (zones)`. */
function whoMay(rule: Rule | undefined): string {
  if (!rule || 'public' in rule) return 'Public.';
  const who = Object.entries(rule.grants).map(([role, scope]) => `${role} (${scope})`);
  return `Signed in as: ${who.join(', ')}.${rule.hidden ? ' Outside your scope it answers 404.' : ''}`;
}

/** OpenAPI 3.1 from the route declarations: the same zod schemas that validate the requests. */
export function buildOpenApi(routes: AnyRoute[], info: { title: string; version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { endpoint: e, tag } of routes) {
    const path = toOpenApiPath(e.path);
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(e.responses) as Array<[string, z.ZodType | null]>) {
      const produces = Number(status) < 300 && e.produces ? e.produces : 'application/json';
      responses[status] = {
        description: Number(status) >= 400 ? 'error' : 'success',
        ...(schema
          ? { content: { [produces]: { schema: jsonSchema(schema, 'output') } } }
          : e.produces && Number(status) < 300
            ? { content: { [produces]: { schema: { type: 'string' } } } }
            : {}),
      };
    }
    const rule = routeRule(e.method, e.path);
    const signedIn = rule !== undefined && !('public' in rule);
    if (signedIn && !responses['401']) {
      responses['401'] = { description: 'error', content: { 'application/json': { schema: jsonSchema(errorResponseSchema, 'output') } } };
    }
    (paths[path] ??= {})[e.method.toLowerCase()] = {
      summary: e.summary,
      description: whoMay(rule),
      tags: [tag],
      ...(signedIn ? { security: [{ bearer: [] }] } : {}),
      parameters: [...parameters(e.params, 'path'), ...parameters(e.query, 'query')],
      ...(e.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(e.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}

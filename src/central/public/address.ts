import type { FastifyRequest } from 'fastify';
import type { HallContext } from '../context';

/**
 * The hall's address as citizens' phones reach it: PUBLIC_BASE_URL, or else the address the caller
 * reached the hall at (a station on the hall's LAN, in a small hall the same address phones use).
 */
export function publicBaseUrlOf(ctx: HallContext, request: FastifyRequest): string {
  return ctx.config.publicBaseUrl ?? `${request.protocol}://${request.host}`;
}

import { readFileSync } from 'node:fs';
import { Agent, fetch as undiciFetch } from 'undici';

/**
 * The fetch the station talks to the hall with. Over HTTPS the hall's certificate is verified as
 * usual; HALL_CA names the CA file a hall's own certificate authority signed it with (a district's
 * private CA, which no PC trusts by default): only that CA is then accepted for the hall, never a
 * certificate it did not sign, and verification is never switched off.
 */
export function hallFetch(caFile: string | null): typeof fetch {
  if (!caFile) return fetch;
  const ca = readFileSync(caFile);
  const dispatcher = new Agent({ connect: { ca } });
  return ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher })) as unknown as typeof fetch;
}

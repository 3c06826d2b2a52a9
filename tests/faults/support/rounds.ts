/**
 * `npm test` runs the fault suite short; `npm run test:faults` (FAULTS_FULL=1) runs it in full.
 * FAULT_ROUNDS=<n> overrides the round count of the kill tests for a quick look.
 */
export const FULL = process.env.FAULTS_FULL === '1' || process.env.FAULTS_FULL === 'true';

export function rounds(short: number, full: number): number {
  return FULL ? full : short;
}

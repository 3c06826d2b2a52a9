/**
 * Where the cursor goes after each step of an intake, so the clerk never reaches for the mouse:
 * card read → phone (if not yet known) → matter search → checklist; an outcome recorded → the
 * result panel's 下一位; the applicant finished → the console, where F1 calls the next.
 */
export type FocusTarget = 'id-number' | 'phone' | 'matter-search' | 'checklist' | 'result' | 'console';

export interface FocusState {
  phone: string;
  matterCount: number;
}

/** After the ID card was read (name and number filled from it). */
export function focusAfterCardRead(state: FocusState): FocusTarget {
  if (state.phone.trim() === '') return 'phone';
  return state.matterCount === 0 ? 'matter-search' : 'checklist';
}

/** After Enter in the phone field. */
export function focusAfterPhone(state: FocusState): FocusTarget {
  return state.matterCount === 0 ? 'matter-search' : 'checklist';
}

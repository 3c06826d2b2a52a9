import { dictionary } from '@zxcvbn-ts/language-common';
import { HallError } from '../http/errors';

/**
 * The password rule of 等保 level 3 (GB/T 22239-2019, 8.1.4.1: identification and authentication):
 * at least 10 characters of at least three classes (lower case, upper case, digits, other), not the
 * user name, not a commonly used password. Checked wherever a password is chosen: a new account,
 * an administrator's reset, the owner's change.
 */
export const MIN_PASSWORD_LENGTH = 10;

// zxcvbn's list of ~49,000 leaked passwords (lower case), and the ones Chinese users favour most.
const COMMON = new Set<string>([
  ...dictionary.passwords,
  'woaini1314',
  'woaini520',
  'a123456789',
  'qq123456789',
  'abc123456789',
  'aa123456789',
  'admin12345',
  'admin123456',
  'p@ssw0rd123',
  'zhang123456',
  'wang123456',
  'li123456789',
]);

const classes = (p: string): number => [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(p)).length;

/** A common password dressed up: `Password123!` is `password123` with a capital and a mark. */
function looksCommon(password: string): boolean {
  const lower = password.toLowerCase();
  const bare = lower.replace(/[^a-z0-9]+$/, '');
  const lettersAndDigits = lower.replace(/[^a-z0-9]/g, '');
  return COMMON.has(lower) || COMMON.has(bare) || COMMON.has(lettersAndDigits);
}

/** Throws a HallError (422) naming what is wrong, in the order a person would fix it. */
export function checkPasswordRule(password: string, username: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new HallError('PASSWORD_TOO_SHORT', `a password has at least ${MIN_PASSWORD_LENGTH} characters`, { min: MIN_PASSWORD_LENGTH });
  }
  if (classes(password) < 3) {
    throw new HallError('PASSWORD_TOO_SIMPLE', 'a password mixes at least three of: lower case, upper case, digits, other characters');
  }
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (name.length >= 3 && lower.includes(name)) {
    throw new HallError('PASSWORD_CONTAINS_USERNAME', 'a password must not contain the user name');
  }
  if (looksCommon(password)) {
    throw new HallError('PASSWORD_TOO_COMMON', 'this password is among the commonly used ones; choose another');
  }
}

/**
 * The domain core in one import: pure rules with no Node, no DOM and no I/O. Callers may also import
 * a single module (`../domain/calendar`); both name the same things.
 */
export * from './result';
export * from './catalog';
export * from './document';
export * from './local-date';
export * from './calendar';
export * from './id-number';
export * from './masking';
export * from './numbers';
export * from './ticket';
export * from './queue-policy';
export * from './checklist';
export * from './case';
export * from './evaluation';
export * from './notices';
export * from './supplement';
export * from './calendar-change';
export * from './holiday-notice';
export * from './statutory-calendar';
export * from './material-file';
export * from './online-application';
export * from './report';

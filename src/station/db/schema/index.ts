export * from './cache';
export * from './cases';
export * from './printing';
export * from './sync';
export * from './local';

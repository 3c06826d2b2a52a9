/**
 * The hall server's tables, one file per module. A module exports its file here (drizzle.central.config.ts
 * reads this barrel), then runs `npx drizzle-kit generate --config drizzle.central.config.ts`.
 */
export * from './meta';
export * from './staff';
export * from './catalog';
export * from './calendar';
export * from './queue';
export * from './change-log';
export * from './audit';
export * from './cases';
export * from './sync';
export * from './online';
export * from './evaluations';
export * from './reports';
export * from './appointments';

import { eq } from 'drizzle-orm';
import { settings } from '../db/schema';
import type { StoreDeps } from './types';

/** Small station settings that survive a restart (device targets chosen in the UI). */
export function settingsRepo(deps: StoreDeps) {
  return {
    get<T>(key: string): T | undefined {
      const row = deps.db.select().from(settings).where(eq(settings.key, key)).get();
      return row ? (row.value as T) : undefined;
    },
    set(key: string, value: unknown): void {
      deps.db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
    },
  };
}
export type SettingsRepo = ReturnType<typeof settingsRepo>;

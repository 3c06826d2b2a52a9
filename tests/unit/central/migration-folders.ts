import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The hall server's committed migrations. */
export const migrations = fileURLToPath(new URL('../../../src/central/db/migrations/', import.meta.url));

/**
 * A copy of the migrations folder (under `scratch`) as it stood before `tag`: the journal cut
 * there. Migrating with it, adding data, then migrating with the real folder tests `tag` on a hall
 * that already has data.
 */
export function folderBefore(scratch: string, tag: string): string {
  const dir = join(scratch, `before-${tag}`);
  cpSync(migrations, dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  if (at <= 0) throw new Error(`no migration ${tag} after the first in the journal`);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

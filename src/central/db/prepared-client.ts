import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Names for the statements the hall server sends again and again, so that PostgreSQL parses and
 * plans each of them once per connection instead of once per command (node-postgres sends an
 * unnamed statement's text, and PostgreSQL plans it, every time).
 *
 * Why: a queue command is a couple of statements whose execution is a few index look-ups, while
 * parsing and planning a WITH of five parts costs more than running it; at 50 windows naming them
 * gave the hall 12–19% more commands per second on the same machine (BENCHMARKS.md).
 *
 * Which: a parameterised statement is named from its third sighting, by a hash of its text (the
 * same text always gets the same name, on every connection). Texts that differ by the length of an
 * IN list are different statements, so the names are capped: past the cap, new texts go unnamed
 * as before. Statements without parameters (BEGIN, COMMIT) stay on the simple protocol.
 * (A pooler in transaction mode would not keep named statements: the hall connects directly.)
 */
export class StatementNames {
  private readonly sightings = new Map<string, number>();
  private readonly names = new Map<string, string>();

  constructor(
    private readonly maxNames = 300,
    private readonly namedFrom = 3,
    private readonly maxTracked = 5000,
  ) {}

  /** The name to send `text` under, or undefined to send it unnamed. */
  nameFor(text: string): string | undefined {
    const known = this.names.get(text);
    if (known) return known;
    if (this.names.size >= this.maxNames) return undefined;
    const seen = (this.sightings.get(text) ?? 0) + 1;
    if (seen < this.namedFrom) {
      if (this.sightings.size < this.maxTracked) this.sightings.set(text, seen);
      return undefined;
    }
    const name = `hall_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    this.names.set(text, name);
    this.sightings.delete(text);
    return name;
  }

  get size(): number {
    return this.names.size;
  }
}

interface QueryConfigLike {
  text?: unknown;
  name?: unknown;
  values?: unknown;
}

/** A pg.Client class for a pool that sends hot statements named (`StatementNames`). */
export function namingClient(names: StatementNames): typeof pg.Client {
  return class NamingClient extends pg.Client {
    // pg's query() has many overloads; this only adds a name to a config object and passes all on.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override query(config: any, values?: any, callback?: any): any {
      const c = config as QueryConfigLike | null;
      const params = Array.isArray(values) ? values : c?.values;
      if (c && typeof c === 'object' && typeof c.text === 'string' && c.name === undefined && Array.isArray(params) && params.length > 0) {
        const name = names.nameFor(c.text);
        if (name) config = { ...c, name };
      }
      return super.query(config, values, callback);
    }
  };
}

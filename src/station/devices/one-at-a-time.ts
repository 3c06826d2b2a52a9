/**
 * Runs device operations strictly one after another: two print jobs must never interleave their
 * bytes on one printer, and a card reader answers one command at a time.
 */
export class OneAtATime {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

import { randomBytes } from 'node:crypto';
import type { StationStanding } from '../contract/station-api';
import { HallCallError, type HallClient } from './hall-client';
import type { Store } from './store';

/** What this PC keeps about itself at the hall (in its sealed database, never in a log). */
interface Credential {
  /** The secret it registered with; sent as X-Station-Key with every call. */
  key: string;
  status: StationStanding['status'];
  pairingCode: string | null;
}

const SETTING = 'hall.station';

/**
 * This window PC's standing with the hall (ARCHITECTURE "Data ownership and sync"; the trust issue:
 * a push names no station, the station's own key does). On first contact it registers with a secret
 * it makes itself; outside demo mode it then shows the six-digit pairing code until an administrator
 * enters it on the hall. A PC whose registration was revoked registers again with a new key, and
 * waits for approval again.
 */
export class StationRegistration {
  constructor(
    private readonly store: Store,
    private readonly who: { stationId: string; label: string; windowCode: string | null },
  ) {}

  private read(): Credential | null {
    return this.store.settings.get<Credential>(SETTING) ?? null;
  }

  private write(c: Credential): Credential {
    this.store.settings.set(SETTING, c);
    return c;
  }

  /** The key to send (made and kept on first use), so even the first sign-in comes from this PC. */
  key(): string {
    return (this.read() ?? this.write({ key: randomBytes(32).toString('base64url'), status: 'unregistered', pairingCode: null })).key;
  }

  standing(): StationStanding {
    const c = this.read();
    return { stationId: this.who.stationId, status: c?.status ?? 'unregistered', pairingCode: c?.status === 'pending' ? c.pairingCode : null };
  }

  /**
   * Asks the hall where this PC stands, registering it when the hall does not know it. Answers the
   * standing; throws HALL_UNREACHABLE like any call when the hall cannot be reached.
   */
  async ensure(hall: HallClient): Promise<StationStanding> {
    const c = this.read() ?? { key: this.key(), status: 'unregistered' as const, pairingCode: null };
    hall.stationKey = c.key;
    if (c.status === 'approved') return this.standing();
    try {
      const self = c.status === 'unregistered' ? await this.register(hall, c.key) : await hall.call('stationSelf');
      if (self.status === 'revoked') return this.renew(hall);
      this.write({ key: c.key, status: self.status, pairingCode: self.pairingCode });
    } catch (e) {
      // The hall no longer knows this key (its database was set up again): register afresh.
      if (e instanceof HallCallError && e.code === 'STATION_UNKNOWN') {
        const self = await this.register(hall, c.key);
        this.write({ key: c.key, status: self.status, pairingCode: self.pairingCode });
      } else if (e instanceof HallCallError && e.code === 'STATION_ID_TAKEN') {
        this.write({ ...c, status: 'conflict', pairingCode: null });
      } else throw e;
    }
    return this.standing();
  }

  /** The hall refused a sync: this PC is not (or no longer) approved. Ask again at the next run. */
  refused(code: string): void {
    const c = this.read();
    if (c && (code === 'STATION_NOT_APPROVED' || code === 'STATION_UNKNOWN')) this.write({ ...c, status: code === 'STATION_UNKNOWN' ? 'unregistered' : 'pending' });
  }

  private register(hall: HallClient, key: string) {
    return hall.call('registerStation', { body: { stationId: this.who.stationId, key, label: this.who.label, windowCode: this.who.windowCode } });
  }

  private async renew(hall: HallClient): Promise<StationStanding> {
    const key = randomBytes(32).toString('base64url');
    hall.stationKey = key;
    const self = await this.register(hall, key);
    this.write({ key, status: self.status, pairingCode: self.pairingCode });
    return this.standing();
  }
}

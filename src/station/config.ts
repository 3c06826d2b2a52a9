import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { isWindowCode } from '../domain/site';

/**
 * Everything a station needs to know about where it runs, read once at start from the environment
 * (and, in Electron, the user-data folder the app hands in). No other module reads process.env.
 */
export interface StationConfig {
  stationId: string;
  /** The folder holding the station's SQLite file (one file per station). */
  dataDir: string;
  /** Window this PC normally serves; the login form preselects it. */
  windowCode: string | null;
  /** Base URL of the hall server, e.g. https://10.0.0.5:7300 (no trailing /api/v1). */
  hallUrl: string | null;
  /** A CA file (PEM) the hall's HTTPS certificate is verified against, when a private CA signed it. */
  hallCa: string | null;
  /** `tcp://host:9100 | serial:/dev/ttyUSB0 | usb:VID:PID | simulated | none`. */
  printer: string;
  paperWidth: 58 | 80;
  /** `serial:/dev/ttyUSB0 | simulated | none`. */
  reader: string;
  /** Demo mode: simulated devices by default, demo hall server when no HALL_URL. */
  demo: boolean;
  guardrails: { offlineWarnHours: number; backlogWarn: number };
  /** Personal data of synced, closed cases is purged locally after this many days. */
  retentionDays: number;
  /**
   * The hall's public address until the hall has told its own (PUBLIC_BASE_URL at the hall, learnt
   * with every pull): the receipt's QR opens `<it>/c/<caseNo>/<code>`. The hall's URL by default.
   */
  publicBaseUrl: string;
  /** Sync timer period while online. */
  syncIntervalMs: number;
  /** Named on rejection notices: where to ask for administrative review, and the court. */
  reviewBody: string;
  court: string;
  /** Working days an applicant gets to bring what a correction notice lists. */
  correctionDays: number;
}

export interface ConfigSources {
  env?: Record<string, string | undefined>;
  /** Command-line flags like `--hall-url=http://…` or `--hall-url http://…`; they win over env. */
  argv?: string[];
  /** Electron's app.getPath('userData'), when running inside Electron. */
  userDataDir?: string;
  host?: string;
}

const positiveInt = (fallback: number) => z.coerce.number().int().min(0).catch(fallback);

/** Flags in argv are the env names in kebab case: --station-data-dir, --hall-url, --printer … */
function readArgv(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    const key = (eq > 0 ? a.slice(2, eq) : a.slice(2)).toUpperCase().replaceAll('-', '_');
    let value = eq > 0 ? a.slice(eq + 1) : argv[i + 1];
    if (eq < 0) {
      if (value === undefined || value.startsWith('--')) value = 'true';
      else i++;
    }
    out[key] = value ?? 'true';
  }
  return out;
}

/** A station id is sent with every push: keep it short and plain (letters, digits, dash). */
export function defaultStationId(windowCode: string | null, host: string): string {
  const h = host.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'pc';
  return windowCode ? `${windowCode}-${h}` : `station-${h}`;
}

export function loadStationConfig(sources: ConfigSources = {}): StationConfig {
  const env = { ...(sources.env ?? process.env), ...readArgv(sources.argv ?? []) };
  const get = (k: string): string | undefined => {
    const v = env[k]?.trim();
    return v ? v : undefined;
  };
  const windowCode = get('WINDOW_CODE')?.toUpperCase() ?? null;
  if (windowCode && !isWindowCode(windowCode)) {
    throw new Error(`WINDOW_CODE must look like A3 or TC01 (1..8 capital letters or digits), got ${windowCode}`);
  }
  const stationId = get('STATION_ID') ?? defaultStationId(windowCode, sources.host ?? hostname());
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(stationId)) throw new Error(`STATION_ID must be 1..64 letters, digits, - or _, got ${stationId}`);
  const hallUrl = get('HALL_URL')?.replace(/\/+$/, '').replace(/\/api\/v1$/, '') ?? null;
  if (hallUrl && !/^https?:\/\//.test(hallUrl)) throw new Error(`HALL_URL must start with http:// or https://, got ${hallUrl}`);
  const demo = get('DEMO') ? get('DEMO') !== '0' && get('DEMO') !== 'false' : !hallUrl;
  const paper = Number(get('PAPER_WIDTH') ?? 80);
  if (paper !== 58 && paper !== 80) throw new Error(`PAPER_WIDTH must be 58 or 80, got ${paper}`);
  const dataDir = resolve(get('STATION_DATA_DIR') ?? (sources.userDataDir ? join(sources.userDataDir, 'station') : join('.station-data', stationId)));
  return {
    stationId,
    dataDir,
    windowCode,
    hallUrl,
    hallCa: get('HALL_CA') ? resolve(get('HALL_CA')!) : null,
    printer: get('PRINTER') ?? 'simulated',
    paperWidth: paper,
    reader: get('READER') ?? (demo ? 'simulated' : 'none'),
    demo,
    guardrails: {
      offlineWarnHours: positiveInt(4).parse(get('OFFLINE_WARN_HOURS') ?? 4),
      backlogWarn: positiveInt(100).parse(get('BACKLOG_WARN') ?? 100),
    },
    retentionDays: positiveInt(180).parse(get('RETENTION_DAYS') ?? 180),
    publicBaseUrl: hallUrl ?? 'http://127.0.0.1:7300',
    syncIntervalMs: positiveInt(30_000).parse(get('SYNC_INTERVAL_MS') ?? 30_000),
    reviewBody: get('REVIEW_BODY') ?? '泰安市泰山区人民政府',
    court: get('COURT') ?? '泰安市泰山区人民法院',
    correctionDays: positiveInt(5).parse(get('CORRECTION_DAYS') ?? 5),
  };
}

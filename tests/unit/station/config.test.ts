import { describe, expect, it } from 'vitest';
import { defaultStationId, loadStationConfig } from '../../../src/station/config';

describe('station configuration', () => {
  it('runs a demo station with simulated devices when no hall server is named', () => {
    const c = loadStationConfig({ env: {}, host: 'PC-07' });
    expect(c.hallUrl).toBeNull();
    expect(c.demo).toBe(true);
    expect(c.printer).toBe('simulated');
    expect(c.reader).toBe('simulated');
    expect(c.stationId).toBe('station-pc-07');
    expect(c.dataDir.endsWith('.station-data/station-pc-07')).toBe(true);
  });

  it('names the station after its window and host, and keeps the reader off for a real hall', () => {
    const c = loadStationConfig({ env: { HALL_URL: 'http://10.0.0.5:7300/api/v1/', WINDOW_CODE: 'a3' }, host: 'Hall PC 3' });
    expect(c.hallUrl).toBe('http://10.0.0.5:7300');
    expect(c.windowCode).toBe('A3');
    expect(c.stationId).toBe('A3-hall-pc-3');
    expect(c.reader).toBe('none');
    expect(c.publicBaseUrl).toBe('http://10.0.0.5:7300');
  });

  it('lets command-line flags win over the environment and uses the Electron user-data folder', () => {
    const c = loadStationConfig({
      env: { PRINTER: 'tcp://10.0.0.9:9100', PAPER_WIDTH: '80' },
      argv: ['--printer', 'none', '--paper-width=58', '--retention-days', '30'],
      userDataDir: '/home/clerk/.config/hall-clerk',
      host: 'x',
    });
    expect(c.printer).toBe('none');
    expect(c.paperWidth).toBe(58);
    expect(c.retentionDays).toBe(30);
    expect(c.dataDir).toBe('/home/clerk/.config/hall-clerk/station');
  });

  it('refuses a paper width no receipt printer has, and a malformed window code', () => {
    expect(() => loadStationConfig({ env: { PAPER_WIDTH: '72' } })).toThrow(/58 or 80/);
    expect(() => loadStationConfig({ env: { WINDOW_CODE: 'window-3' } })).toThrow(/A3/);
    expect(() => loadStationConfig({ env: { WINDOW_CODE: 'WINDOW123' } })).toThrow(/A3/);
    // B00 is the hall's own series for the cases it accepts from the online inbox.
    expect(() => loadStationConfig({ env: { WINDOW_CODE: 'B00' } })).toThrow(/A3/);
  });

  it('takes a town centre\'s window code (TC01), written in any case', () => {
    expect(loadStationConfig({ env: { WINDOW_CODE: 'tc01' } }).windowCode).toBe('TC01');
  });

  it('keeps station ids short and plain whatever the host is called', () => {
    expect(defaultStationId('B12', '窗口电脑.local')).toMatch(/^B12-[a-z0-9-]+$/);
    expect(defaultStationId(null, 'x'.repeat(100)).length).toBeLessThanOrEqual(64);
  });
});

import type { BenchSection } from '../report';
import { runDisplayBench } from './display';
import { runDomainBench } from './domain';
import { runGrowthBench } from './growth';
import { runInboxBench } from './inbox';
import { runQueueBench } from './queue';
import { runReportsBench } from './reports';
import { runStationBench } from './station';
import { runSyncBench } from './sync';
import { runTrustCostBench } from './trust-cost';
import { runUiBench } from './ui';

export interface Suite {
  name: string;
  run: () => Promise<BenchSection[]>;
}

export const suites: Suite[] = [
  { name: 'domain', run: runDomainBench },
  { name: 'queue', run: runQueueBench },
  { name: 'station', run: runStationBench },
  { name: 'sync', run: runSyncBench },
  { name: 'ui', run: runUiBench },
  { name: 'growth', run: runGrowthBench },
  { name: 'trust', run: runTrustCostBench },
  { name: 'inbox', run: runInboxBench },
  { name: 'reports', run: runReportsBench },
  { name: 'display', run: runDisplayBench },
];

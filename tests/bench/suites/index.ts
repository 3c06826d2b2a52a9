import type { BenchSection } from '../report';
import { runDomainBench } from './domain';

export interface Suite {
  name: string;
  run: () => Promise<BenchSection[]>;
}

export const suites: Suite[] = [{ name: 'domain', run: runDomainBench }];

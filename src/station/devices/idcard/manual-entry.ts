import { fail, type Result } from '../../../domain/result';
import type { DeviceProblem } from '../device-error';
import type { CardRead, CardReader, ReaderHealth } from './reader';

/**
 * No reader at this window: every read answers READER_NOT_CONNECTED, which the intake screen takes
 * as the cue to offer manual entry of the ID document.
 */
export class ManualEntryReader implements CardReader {
  readonly target = 'none';
  private readonly problem: DeviceProblem = {
    code: 'READER_NOT_CONNECTED',
    message: '本窗口未连接身份证读卡器，请手工录入证件信息',
  };

  async status(): Promise<ReaderHealth> {
    return { target: this.target, ready: false, problem: this.problem };
  }

  async readCard(): Promise<Result<CardRead>> {
    return fail(this.problem.code, this.problem.message, { manualEntry: true });
  }

  async close(): Promise<void> {}
}

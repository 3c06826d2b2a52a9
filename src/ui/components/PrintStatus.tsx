import { Button, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { PrintJob } from '../../contract/station-api';
import { useI18n } from '../i18n/context';
import { useStationCall, useStationEvent } from '../station-hooks';
import { tone } from '../theme';
import { ErrorAlert } from './ErrorAlert';

/**
 * Where a print job is: printing, printed, or failed with the printer's reason (缺纸, 盖未合) and a
 * 重打 button. Follows the job through `print` events, so the line changes the moment the printer
 * answers.
 */
export function PrintStatus({ job: initial, printedText }: { job: PrintJob; printedText?: string }) {
  const { t } = useI18n();
  const [job, setJob] = useState(initial);
  const retry = useStationCall('print.retry');
  useEffect(() => setJob(initial), [initial]);
  useStationEvent(
    (event) => {
      if (event.type === 'print' && event.job.id === job.id) setJob(event.job);
    },
    ['print'],
  );

  const again = async () => {
    const answer = await retry.run({ jobId: job.id });
    if (answer.ok) setJob(answer.value);
  };

  return (
    <div data-testid="print-status" data-print-status={job.status}>
      {(job.status === 'queued' || job.status === 'printing') && (
        <Space>
          <Spin size="small" />
          <span style={{ color: tone.serving }}>{t('print.printing')}</span>
        </Space>
      )}
      {job.status === 'printed' && <span style={{ color: tone.ok, fontWeight: 600 }}>✔ {printedText ?? t('print.printed')}</span>}
      {job.status === 'failed' && (
        <ErrorAlert
          error={job.error ?? { code: 'PRINTER_ERROR', message: 'print failed' }}
          action={
            <Button size="small" type="primary" loading={retry.pending} onClick={() => void again()} data-testid="print-retry">
              {t('print.retry')}
            </Button>
          }
        />
      )}
      <ErrorAlert error={retry.error} compact />
    </div>
  );
}

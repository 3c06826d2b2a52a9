import { Tag } from 'antd';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';

type Status = 'accepted' | 'accepted-deferred' | 'correction-notified' | 'rejected' | 'in-review' | 'approved' | 'denied' | 'ready' | 'delivered';

// Colours keep their meaning: orange where something is owed (deferred, correction), red for a no,
// blue while the case is worked on, green when it is done for the applicant.
const colour: Record<Status, string | undefined> = {
  accepted: 'blue',
  'accepted-deferred': 'orange',
  'correction-notified': 'orange',
  rejected: 'red',
  'in-review': 'blue',
  approved: 'green',
  denied: 'red',
  ready: 'green',
  delivered: undefined,
};

export function CaseStatusTag({ status }: { status: Status }) {
  const { t } = useI18n();
  return (
    <Tag color={colour[status]} data-status={status}>
      {t(`caseStatus.${status}` as MessageKey)}
    </Tag>
  );
}

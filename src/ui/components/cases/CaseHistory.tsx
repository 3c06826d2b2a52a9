import { Timeline } from 'antd';
import type { CaseDetail } from '../../../contract/station-api';
import { dateTime } from '../../format';
import { useI18n } from '../../i18n/context';
import { isMessageKey, type MessageKey } from '../../i18n';
import { tone } from '../../theme';

// History names staff by id; an id means nothing to the person reading it, so it is left out.
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** What happened to a case, oldest first, each step in the hall's words (受理, 分送审批, 审批决定…). */
export function CaseHistory({ history }: { history: CaseDetail['history'] }) {
  const { t } = useI18n();
  const steps = [...history].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline
      items={steps.map((h, i) => ({
        key: `${h.at}-${h.action}-${i}`,
        content: (
          <span>
            <span className="tabular" style={{ color: tone.muted, marginRight: 8 }}>
              {dateTime(h.at)}
            </span>
            {isMessageKey(`caseAction.${h.action}`) ? t(`caseAction.${h.action}` as MessageKey) : h.action}
            {h.by && !ULID.test(h.by) ? ` · ${h.by}` : ''}
            {h.note ? `：${h.note}` : ''}
          </span>
        ),
      }))}
    />
  );
}

import { Button, Card, Input, Radio, Space } from 'antd';
import { useState } from 'react';
import type { FollowUp } from '../../../contract/evaluation';
import { useStationCall } from '../../station-hooks';
import { tone } from '../../theme';
import { ErrorAlert } from '../ErrorAlert';

const todayLocal = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * A bad rating's follow-up (国办发〔2019〕51号), step by step as the hall records it: the return
 * visit to the citizen, the finding, the rectification, whether the citizen accepts it; and the
 * clerk's appeal of a malicious rating, decided here with a reason.
 */
export function FollowUpDialog({ followUp: f, onClose }: { followUp: FollowUp; onClose: () => void }) {
  const update = useStationCall('evaluations.updateFollowUp');
  const decide = useStationCall('evaluations.decideAppeal');
  const [visitNote, setVisitNote] = useState('');
  const [finding, setFinding] = useState(f.finding ?? '');
  const [fixNote, setFixNote] = useState('');
  const [accepts, setAccepts] = useState<boolean | null>(null);
  const [appealReason, setAppealReason] = useState('');
  const e = f.evaluation;
  const pendingAppeal = e.appeal?.status === 'pending';

  async function save() {
    const body: Record<string, unknown> = {};
    if (!f.returnVisit && visitNote.trim()) body.returnVisit = { on: todayLocal(), note: visitNote.trim() };
    if (finding.trim() && finding.trim() !== (f.finding ?? '')) body.finding = finding.trim();
    if (!f.rectification && fixNote.trim()) body.rectification = { on: todayLocal(), note: fixNote.trim() };
    if (accepts !== null) body.citizenAccepts = accepts;
    if (Object.keys(body).length === 0) return onClose();
    const answer = await update.run({ evaluationId: f.evaluationId, update: body });
    if (answer.ok) onClose();
  }

  async function rule(upheld: boolean) {
    const answer = await decide.run({ evaluationId: f.evaluationId, upheld, reason: appealReason.trim() });
    if (answer.ok) onClose();
  }

  return (
    // In the board's column rather than a modal: antd's modal locks the page's scroll with a style
    // element the web host's Content-Security-Policy refuses.
    <Card size="small" title={`差评整改：${f.windowCode} 窗口 ${e.ticketNumber}号`} extra={<Button size="small" type="text" onClick={onClose}>✕</Button>} style={{ flexShrink: 0 }}>
      <div data-testid="follow-up-dialog" style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
        <div>
          {e.label}（{e.reason ?? '未填原因'}）· {e.staffName || e.staffUsername} · {e.at.slice(0, 10)}
        </div>
        <div style={{ color: f.overdue ? tone.error : tone.muted }}>
          回访期限 {f.returnVisitDue} · 整改期限 {f.rectificationDue}
        </div>
        <b>1. 回访群众</b>
        {f.returnVisit ? (
          <span>
            {f.returnVisit.on}：{f.returnVisit.note}（{f.returnVisit.by}）
          </span>
        ) : (
          <Input.TextArea rows={2} value={visitNote} onChange={(x) => setVisitNote(x.target.value)} placeholder="回访方式与群众意见" data-testid="follow-up-visit" />
        )}
        <b>2. 核查情况</b>
        <Input.TextArea rows={2} value={finding} onChange={(x) => setFinding(x.target.value)} placeholder="核实的情况" data-testid="follow-up-finding" />
        <b>3. 整改措施</b>
        {f.rectification ? (
          <span>
            {f.rectification.on}：{f.rectification.note}（{f.rectification.by}）
          </span>
        ) : (
          <Input.TextArea rows={2} value={fixNote} onChange={(x) => setFixNote(x.target.value)} placeholder="整改措施" disabled={!f.returnVisit && !visitNote.trim()} data-testid="follow-up-fix" />
        )}
        <b>4. 群众是否认可</b>
        <Radio.Group value={accepts} onChange={(x) => setAccepts(x.target.value as boolean)} disabled={!f.rectification && !fixNote.trim()}>
          <Radio value>认可</Radio>
          <Radio value={false}>不认可</Radio>
        </Radio.Group>
        <ErrorAlert error={update.error} compact />
        <Space>
          <Button type="primary" onClick={() => void save()} loading={update.pending} data-testid="follow-up-save">
            保存
          </Button>
          <Button onClick={onClose}>关闭</Button>
        </Space>
        {pendingAppeal && (
          <div style={{ borderTop: `1px solid ${tone.line}`, paddingTop: 10, display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="appeal-decision">
            <b>窗口申诉（恶意差评）</b>
            <span>
              {e.appeal!.by}：{e.appeal!.reason}
            </span>
            <Input.TextArea rows={2} value={appealReason} onChange={(x) => setAppealReason(x.target.value)} placeholder="审核意见（必填）" />
            <Space>
              <Button danger disabled={!appealReason.trim()} loading={decide.pending} onClick={() => void rule(true)}>
                认定恶意差评
              </Button>
              <Button disabled={!appealReason.trim()} loading={decide.pending} onClick={() => void rule(false)}>
                驳回申诉
              </Button>
            </Space>
            <ErrorAlert error={decide.error} compact />
          </div>
        )}
      </div>
    </Card>
  );
}

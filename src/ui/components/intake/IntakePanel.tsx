import { Button, Card, Input, Space, Spin, Tag, Tooltip } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Ticket } from '../../../contract/queue';
import type { StationResult } from '../../../contract/station-api';
import { today } from '../../format';
import { useCommandKeys } from '../../hooks/use-command-keys';
import { useClosesOnEscape } from '../../hooks/use-escape';
import { focusAfterCardRead, focusAfterPhone, type FocusTarget } from '../../focus-flow';
import {
  alignReceived,
  allowanceOf,
  applicantComplete,
  checkApplicant,
  deferredDueDates,
  emptyForm,
  evaluateArgs,
  lastDueDate,
  markAll,
  matterCodesOf,
  phoneMissingFor,
  promisedKey,
  withCardRead,
  outcomes,
  submitArgs,
  type Decision,
  type IntakeForm,
  type Outcome,
} from '../../intake-form';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import { useLatestCall, useStationCall } from '../../station-hooks';
import { tone } from '../../theme';
import { ErrorAlert } from '../ErrorAlert';
import { ApplicantFields, type ApplicantFieldsHandle } from './ApplicantFields';
import { ChecklistTable } from './ChecklistTable';
import { IntakeResult } from './IntakeResult';
import { MatterPicker, type MatterPickerHandle } from './MatterPicker';
import { TownFilingModal } from './TownFilingModal';

const outcomeLabel: Record<Outcome, MessageKey> = {
  accept: 'outcome.accept',
  'accept-deferred': 'outcome.acceptDeferred',
  'notify-correction': 'outcome.notifyCorrection',
  reject: 'outcome.reject',
};

/**
 * 一窗受理: applicant, matters, the merged checklist, what the checklist allows now and why, and the
 * four outcomes. Sits beside the queue; nothing here covers it.
 */
export function IntakePanel({
  ticket,
  zoneCodes,
  focusSignal,
  onFinishServing,
  site = null,
}: {
  ticket: Ticket | null;
  zoneCodes: string[];
  focusSignal: number;
  /** The town centre this counter belongs to (with the matters delegated to it), or null at the hall. */
  site?: { code: string; name: string; delegated: ReadonlySet<string> } | null;
  /** 下一位 on the result panel ends the service of the ticket at the counter (办结). */
  onFinishServing?: () => Promise<boolean>;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<IntakeForm>(emptyForm);
  const [showRequired, setShowRequired] = useState(false);
  // An outcome that leaves the applicant owing something was pressed without a phone.
  const [phoneNeeded, setPhoneNeeded] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [rejection, setRejection] = useState({ reason: '', competentBody: '' });
  const [result, setResult] = useState<StationResult<'intake.submit'> | null>(null);
  const [submitting, setSubmitting] = useState<Outcome | null>(null);
  const [filingToDistrict, setFilingToDistrict] = useState(false);
  const applicantRef = useRef<ApplicantFieldsHandle>(null);
  const matterRef = useRef<MatterPickerHandle>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const readCard = useStationCall('intake.readCard');
  const submit = useStationCall('intake.submit');

  const codes = matterCodesOf(form);
  // At a centre: the chosen matters it may not take in itself go to the district (转报区级审批).
  const toDistrict = site ? codes.filter((c) => !site.delegated.has(c)) : [];
  const checklist = useLatestCall('intake.checklist', codes.length > 0 ? { matterCodes: codes } : null, 0);
  const items = useMemo(() => (codes.length > 0 ? (checklist.data ?? []) : []), [codes.length, checklist.data]);
  useEffect(() => {
    setForm((f) => {
      const aligned = alignReceived(f.received, items);
      return { ...f, received: f.cardRead ? withCardRead(aligned, items) : aligned };
    });
  }, [items]);
  const decision = useLatestCall('intake.evaluate', evaluateArgs(form));
  const d: Decision | undefined = codes.length > 0 ? decision.data : undefined;
  const dueDates = useMemo(() => (d ? deferredDueDates(d, form.dueDates) : {}), [d, form.dueDates]);

  const check = checkApplicant(form, today());
  const complete = applicantComplete(check);

  useEffect(() => {
    if (focusSignal > 0) applicantRef.current?.focusIdNumber();
  }, [focusSignal]);

  // At once, so the keys the clerk types next land in the new field (the checklist, which arrives
  // after the matters, is focused when it is there).
  const focusOn = (target: FocusTarget) => {
    if (target === 'id-number') applicantRef.current?.focusIdNumber();
    else if (target === 'phone') applicantRef.current?.focusPhone();
    else if (target === 'matter-search') matterRef.current?.focus();
    else if (target === 'checklist') setChecklistFocusWanted(true);
  };
  // The checklist comes from the station after the matters are picked: focus it once it is there.
  const [checklistFocusWanted, setChecklistFocusWanted] = useState(false);
  useEffect(() => {
    if (!checklistFocusWanted || items.length === 0) return;
    panelRef.current?.querySelector<HTMLElement>('[data-testid="mark-all-original"]')?.focus();
    setChecklistFocusWanted(false);
  }, [checklistFocusWanted, items]);

  const doReadCard = async () => {
    if (result) return;
    const answer = await readCard.run({});
    if (answer.ok) {
      const holder = answer.value;
      setForm((f) => ({
        ...f,
        applicant: { ...f.applicant, name: holder.name, idNumber: holder.idNumber, address: holder.address ?? f.applicant.address },
        cardRead: true,
        received: withCardRead(f.received, items),
      }));
      focusOn(focusAfterCardRead({ phone: form.applicant.phone, matterCount: codes.length }));
    }
  };
  useCommandKeys({ readCard: () => void doReadCard() });
  useClosesOnEscape(() => setRejecting(false), rejecting);

  const reset = () => {
    setForm(emptyForm());
    setResult(null);
    setShowRequired(false);
    setPhoneNeeded(false);
    setRejecting(false);
    setRejection({ reason: '', competentBody: '' });
    submit.reset();
    readCard.reset();
    // With a ticket finished the cursor waits on 叫号 (the console focuses it); a walk-in's
    // clerk goes on with the next walk-in's ID number.
    if (!ticket) setTimeout(() => focusOn('id-number'), 0);
  };

  // A newly called applicant starts on a clean form: the last applicant's name, number and result
  // must not be taken into the next one's case.
  const lastTicket = useRef<string | null>(ticket?.id ?? null);
  useEffect(() => {
    const id = ticket?.id ?? null;
    if (id !== null && id !== lastTicket.current) {
      reset();
      setTimeout(() => focusOn('id-number'), 0);
    }
    lastTicket.current = id ?? lastTicket.current;
    // Only a change of ticket clears the form.
  }, [ticket?.id]);

  /** 下一位: the applicant at the counter is finished at the hall, then the form is cleared. */
  const next = async () => {
    if (ticket && onFinishServing) await onFinishServing();
    reset();
  };

  const send = async (outcome: Outcome) => {
    if (!complete) {
      setShowRequired(true);
      applicantRef.current?.focusIdNumber();
      return;
    }
    const needsPhone = phoneMissingFor(form, outcome);
    if (needsPhone) {
      setPhoneNeeded(true);
      applicantRef.current?.focusPhone();
      return;
    }
    if (outcome === 'reject' && !rejecting) {
      setRejecting(true);
      return;
    }
    if (outcome === 'reject' && !rejection.reason.trim()) return;
    setSubmitting(outcome);
    const answer = await submit.run(submitArgs(form, outcome, ticket ? { id: ticket.id, number: ticket.number } : null, outcome === 'reject' ? rejection : null, d));
    setSubmitting(null);
    if (answer.ok) {
      setResult(answer.value);
      setRejecting(false);
    }
  };

  const busy = submitting !== null;
  // The result panel belongs to the case's own ticket, even after that ticket left the counter.
  const headerTicket = result ? result.case.ticketNumber : (ticket?.number ?? null);
  const title = (
    <Space size={8}>
      <span>{t('intake.title')}</span>
      {headerTicket ? <Tag color="blue">{t('intake.forTicket', { number: headerTicket })}</Tag> : <Tag>{t('intake.walkIn')}</Tag>}
    </Space>
  );

  if (result) {
    return (
      <Card size="small" title={title} className="fill-card" style={{ flex: 1, minHeight: 0 }}>
        <IntakeResult result={result} onNext={() => void next()} finishes={ticket !== null} />
      </Card>
    );
  }

  return (
    <Card
      size="small"
      title={title}
      className="fill-card"
      style={{ flex: 1, minHeight: 0 }}
      extra={
        <Button size="small" type="text" onClick={reset} disabled={busy}>
          {t('intake.clear')}
        </Button>
      }
    >
      <div ref={panelRef} style={{ display: 'flex', flexDirection: 'column', gap: 6, flex: 1, minHeight: 0 }} data-testid="intake">
        <ApplicantFields
          ref={applicantRef}
          form={form}
          check={check}
          showRequired={showRequired}
          phoneNeeded={phoneNeeded && form.applicant.phone.trim() === '' && !(form.agentOn && form.agent.phone.trim() !== '')}
          onChange={setForm}
          onReadCard={() => void doReadCard()}
          reading={readCard.pending}
          readError={readCard.error}
          onClearReadError={readCard.reset}
          onPhoneDone={() => focusOn(focusAfterPhone({ phone: form.applicant.phone, matterCount: codes.length }))}
          disabled={busy}
        />
        <MatterPicker ref={matterRef} form={form} zoneCodes={zoneCodes} onChange={setForm} onPicked={() => focusOn('checklist')} disabled={busy} />
        <ErrorAlert error={checklist.error} compact />
        <ChecklistTable
          items={items}
          received={form.received}
          onMark={(code, receipt) => setForm((f) => ({ ...f, received: { ...f.received, [code]: receipt } }))}
          onMarkAll={(receipt) => setForm((f) => ({ ...f, received: markAll(items, f.received, receipt) }))}
          deferred={d?.deferred ?? []}
          dueDates={dueDates}
          onPickDueDate={(code, date) => setForm((f) => ({ ...f, dueDates: { ...f.dueDates, [code]: date } }))}
          disabled={busy}
        />
        <DecisionLine decision={d} dueBy={lastDueDate(dueDates)} pending={decision.pending} error={codes.length > 0 ? decision.error : null} hasMatters={codes.length > 0} />
        {rejecting ? (
          <div data-testid="reject-form" style={{ padding: 8, background: '#fff1f0', borderRadius: 6, border: `1px solid #ffccc7` }}>
            <Space orientation="vertical" style={{ width: '100%' }} size={6}>
              <Input.TextArea
                autoFocus
                rows={2}
                maxLength={500}
                placeholder={t('reject.reason')}
                value={rejection.reason}
                onChange={(e) => setRejection((r) => ({ ...r, reason: e.target.value }))}
                status={rejection.reason.trim() ? undefined : 'error'}
                data-testid="reject-reason"
              />
              <Input
                maxLength={200}
                placeholder={t('reject.competentBody')}
                value={rejection.competentBody}
                onChange={(e) => setRejection((r) => ({ ...r, competentBody: e.target.value }))}
                data-testid="reject-body"
              />
              <Space>
                <Button danger type="primary" disabled={!rejection.reason.trim()} loading={submitting === 'reject'} onClick={() => void send('reject')} data-testid="reject-confirm">
                  {t('reject.confirm')}
                </Button>
                <Button onClick={() => setRejecting(false)} disabled={busy}>
                  {t('common.cancel')}
                </Button>
                <span style={{ color: tone.muted, fontSize: 12 }}>{t('reject.hint')}</span>
              </Space>
            </Space>
          </div>
        ) : (
          <Space wrap size={8}>
            <OutcomeButtons decision={d} applicantComplete={complete} submitting={submitting} onSubmit={(o) => void send(o)} />
            {site && (
              <Tooltip title={t('town.buttonHint')}>
                <Button
                  type={toDistrict.length > 0 ? 'primary' : 'default'}
                  disabled={busy || toDistrict.length === 0 || !complete}
                  onClick={() => setFilingToDistrict(true)}
                  data-testid="town-file"
                >
                  {t('town.button')}
                </Button>
              </Tooltip>
            )}
            {toDistrict.length > 0 && (
              <span style={{ color: tone.warn, fontSize: 13 }} data-testid="town-not-delegated">
                {t('town.notDelegated')}
              </span>
            )}
          </Space>
        )}
        {site && (
          <TownFilingModal
            open={filingToDistrict}
            siteName={site.name}
            form={form}
            items={items}
            onClose={(filed) => {
              setFilingToDistrict(false);
              if (filed) reset();
            }}
          />
        )}
        {busy && (
          <div style={{ color: tone.serving }}>
            <Spin size="small" /> {t(submitting === 'accept' || submitting === 'accept-deferred' ? 'intake.submittingPrint' : 'intake.submitting')}
          </div>
        )}
        <ErrorAlert error={submit.error} />
        {showRequired && !complete && <div style={{ color: tone.error }}>{t('intake.applicantIncomplete')}</div>}
      </div>
    </Card>
  );
}

function OutcomeButtons({
  decision: dd,
  applicantComplete: ok,
  submitting: running,
  onSubmit,
}: {
  decision: Decision | undefined;
  applicantComplete: boolean;
  submitting: Outcome | null;
  onSubmit: (o: Outcome) => void;
}) {
  const { t, lang, err } = useI18n();
  return (
    <Space wrap size={8} data-testid="outcomes">
      {outcomes.map((outcome) => {
        const allowance = dd ? allowanceOf(dd, outcome) : null;
        const allowed = allowance?.ok === true;
        const why = allowance && !allowance.ok ? allowanceText(allowance, lang, err) : !dd ? t('intake.chooseMatterFirst') : undefined;
        const primary = outcome === 'accept' || (outcome === 'accept-deferred' && dd?.allowed.accept.ok === false);
        return (
          <Tooltip key={outcome} title={allowed ? (ok ? undefined : t('intake.applicantIncomplete')) : why}>
            <Button
              size="large"
              type={allowed && primary ? 'primary' : 'default'}
              danger={outcome === 'reject'}
              disabled={!allowed || (running !== null && running !== outcome)}
              loading={running === outcome}
              onClick={() => onSubmit(outcome)}
              data-testid={`outcome-${outcome}`}
            >
              {t(outcomeLabel[outcome])}
            </Button>
          </Tooltip>
        );
      })}
    </Space>
  );
}

/** The domain words its refusals in Chinese with the numbers ("尚缺2项材料"); English uses the map. */
function allowanceText(a: { code: string; reason: string }, lang: string, err: (e: { code: string; message: string }) => string): string {
  return lang === 'zh-CN' && a.reason ? a.reason : err({ code: a.code, message: a.reason });
}

/** "承诺办结 … 可以: …" — what the checklist allows now, and why not the rest. */
function DecisionLine({
  decision,
  dueBy,
  pending,
  error,
  hasMatters,
}: {
  decision: Decision | undefined;
  /** The last due date of the deferred materials, as picked or proposed. */
  dueBy: string | null;
  pending: boolean;
  error: { code: string; message: string; details?: Record<string, unknown> } | null;
  hasMatters: boolean;
}) {
  const { t, lang, err } = useI18n();
  if (!hasMatters) return <div style={{ color: tone.muted }}>{t('intake.chooseMatterFirst')}</div>;
  if (error) return <ErrorAlert error={error} compact />;
  if (!decision) return <div style={{ color: tone.muted }}>{pending ? <Spin size="small" /> : null}</div>;
  const allowed = outcomes.filter((o) => allowanceOf(decision, o).ok);
  const refused = outcomes
    .map((o) => ({ o, a: allowanceOf(decision, o) }))
    .filter((x): x is { o: Outcome; a: { ok: false; code: string; reason: string } } => !x.a.ok);
  return (
    <div data-testid="decision" style={{ opacity: pending ? 0.6 : 1, lineHeight: '22px' }}>
      <div className="tabular">
        <b data-testid="promised-date">{t(promisedKey(decision.promisedDays), { date: decision.promisedDate, n: decision.promisedDays })}</b>
        {dueBy && (
          <span style={{ color: tone.warn, marginLeft: 16 }} data-testid="deferred-due">
            {t('intake.deferredDue', { date: dueBy, n: decision.deferred.length })}
          </span>
        )}
        {decision.committed.length > 0 && <span style={{ marginLeft: 16, color: '#595959' }}>{t('intake.committedCount', { n: decision.committed.length })}</span>}
      </div>
      <div data-testid="allowed-line">
        <span style={{ fontWeight: 600 }}>{t('intake.canDo')}</span>
        {allowed.map((o) => (
          <Tag key={o} color={o === 'reject' ? undefined : 'green'} style={{ marginInlineStart: 6 }} data-allowed={o}>
            {t(outcomeLabel[o])}
          </Tag>
        ))}
        {refused
          .filter((x) => x.o !== 'reject')
          .map((x) => (
            <span key={x.o} style={{ color: tone.muted, marginLeft: 10, fontSize: 13 }} data-refused={x.o}>
              {t('intake.cannot', { outcome: t(outcomeLabel[x.o]), reason: allowanceText(x.a, lang, err) })}
            </span>
          ))}
      </div>
      {decision.missingRequired.length > 0 && (
        <div style={{ color: tone.error, fontSize: 13 }} data-testid="missing-required">
          {t('intake.missingRequired', { names: decision.missingRequired.map((m) => m.name).join('、') })}
        </div>
      )}
    </div>
  );
}

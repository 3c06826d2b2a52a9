import { Button, Form, Input, Switch } from 'antd';
import { forwardRef, useImperativeHandle, useRef } from 'react';
import type { ErrorBody } from '../../../contract/primitives';
import { parseIdNumber } from '../../../domain/id-number';
import { today } from '../../format';
import type { ApplicantCheck, FieldProblem, IntakeForm, PersonFields } from '../../intake-form';
import { idNumberShownProblem } from '../../intake-form';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import { tone } from '../../theme';
import { ErrorAlert } from '../ErrorAlert';
import { Kbd } from '../Kbd';

export interface ApplicantFieldsHandle {
  focusIdNumber: () => void;
  focusPhone: () => void;
}

/**
 * Applicant (and agent) as the clerk types or reads them. The ID number is checked on every key
 * (GB 11643: length, region, birth date, check character) and the reason is shown under the field
 * as soon as the number is complete, in words the clerk can act on ("校验位错误(应为X)").
 */
export const ApplicantFields = forwardRef<
  ApplicantFieldsHandle,
  {
    form: IntakeForm;
    check: ApplicantCheck;
    showRequired: boolean;
    /** 容缺, 告知承诺 or 补正 was chosen without a phone: the field asks for one. */
    phoneNeeded?: boolean;
    onChange: (form: IntakeForm) => void;
    onReadCard: () => void;
    reading: boolean;
    readError: ErrorBody | null;
    onClearReadError: () => void;
    /** Enter in the phone field: the clerk is done with the applicant. */
    onPhoneDone?: () => void;
    disabled: boolean;
  }
>(function ApplicantFields({ form, check, showRequired, phoneNeeded = false, onChange, onReadCard, reading, readError, onClearReadError, onPhoneDone, disabled }, ref) {
  const { t, err } = useI18n();
  const idRef = useRef<{ focus: () => void } | null>(null);
  const phoneRef = useRef<{ focus: () => void } | null>(null);
  useImperativeHandle(ref, () => ({ focusIdNumber: () => idRef.current?.focus(), focusPhone: () => phoneRef.current?.focus() }), []);

  const setApplicant = (patch: Partial<IntakeForm['applicant']>) => onChange({ ...form, applicant: { ...form.applicant, ...patch } });
  const setAgent = (patch: Partial<PersonFields>) => onChange({ ...form, agent: { ...form.agent, ...patch } });

  const problemText = (p: FieldProblem | null): string | undefined => {
    if (!p) return undefined;
    if (p.code === 'REQUIRED') return t('intake.required');
    if (p.code === 'PHONE_FORMAT') return t('intake.phoneFormat');
    if (p.code === 'PHONE_NEEDED') return t('intake.phoneNeeded');
    return err(p);
  };
  const required = (p: FieldProblem | null) => (p && (showRequired || p.code !== 'REQUIRED') ? p : null);

  const idProblem = idNumberShownProblem(form.applicant.idNumber, check.idNumber);
  const parsed = parseIdNumber(form.applicant.idNumber, today());
  const typedLength = form.applicant.idNumber.replace(/\s+/g, '').length;
  let idHelp: string | undefined = problemText(idProblem);
  if (!idHelp && showRequired && check.idNumber) idHelp = problemText(check.idNumber);
  if (!idHelp && !parsed.ok && typedLength > 0 && typedLength < 18) idHelp = t('intake.idTyping', { n: 18 - typedLength });
  const idStatus = idProblem || (showRequired && check.idNumber) ? 'error' : parsed.ok ? 'success' : undefined;

  const nameProblem = required(check.name);
  const phoneProblem: FieldProblem | null = check.phone ?? (phoneNeeded ? { code: 'PHONE_NEEDED', message: 'phone needed' } : null);
  const agentIdProblem = idNumberShownProblem(form.agent.idNumber, check.agentIdNumber) ?? (showRequired ? check.agentIdNumber : null);

  return (
    <div data-testid="applicant">
      <div style={{ display: 'grid', gridTemplateColumns: 'auto 230px 130px 1fr', gap: '0 8px', alignItems: 'start' }}>
        <Button onClick={onReadCard} loading={reading} disabled={disabled} data-testid="read-card">
          {reading ? t('intake.reading') : t('intake.readCard')}
          <Kbd>F9</Kbd>
        </Button>
        <Form.Item validateStatus={idStatus} help={idHelp} style={{ marginBottom: 4 }}>
          <Input
            ref={(el) => {
              idRef.current = el;
            }}
            placeholder={t('intake.idNumber')}
            value={form.applicant.idNumber}
            onChange={(e) => setApplicant({ idNumber: e.target.value })}
            maxLength={24}
            disabled={disabled}
            className="tabular"
            data-testid="id-number"
            aria-label={t('intake.idNumber')}
            allowClear
          />
        </Form.Item>
        <Form.Item validateStatus={nameProblem ? 'error' : undefined} help={problemText(nameProblem)} style={{ marginBottom: 4 }}>
          <Input placeholder={t('intake.name')} value={form.applicant.name} onChange={(e) => setApplicant({ name: e.target.value })} maxLength={60} disabled={disabled} data-testid="applicant-name" aria-label={t('intake.name')} />
        </Form.Item>
        <div style={{ lineHeight: '32px', color: '#595959', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }} data-testid="id-derived">
          {parsed.ok && (
            <>
              {parsed.value.kind !== 'resident' && <span style={{ marginRight: 8 }}>{t(`idKind.${parsed.value.kind}` as MessageKey)}</span>}
              {parsed.value.sex && <span style={{ marginRight: 8 }}>{t(`sex.${parsed.value.sex}` as MessageKey)}</span>}
              {parsed.value.birthDate}
            </>
          )}
        </div>
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: '160px 1fr auto', gap: '0 8px', alignItems: 'start' }}>
        <Form.Item validateStatus={phoneProblem ? 'error' : undefined} help={problemText(phoneProblem)} style={{ marginBottom: 4 }}>
          <Input
            ref={(el) => {
              phoneRef.current = el;
            }}
            placeholder={t('intake.phone')}
            value={form.applicant.phone}
            onChange={(e) => setApplicant({ phone: e.target.value })}
            onPressEnter={onPhoneDone}
            maxLength={20}
            disabled={disabled}
            aria-label={t('intake.phone')}
            data-testid="phone"
          />
        </Form.Item>
        <Form.Item style={{ marginBottom: 4 }}>
          <Input placeholder={t('intake.address')} value={form.applicant.address} onChange={(e) => setApplicant({ address: e.target.value })} maxLength={120} disabled={disabled} aria-label={t('intake.address')} />
        </Form.Item>
        <label style={{ lineHeight: '32px', whiteSpace: 'nowrap' }}>
          <Switch size="small" checked={form.agentOn} onChange={(on) => onChange({ ...form, agentOn: on })} disabled={disabled} /> {t('intake.agent')}
        </label>
      </div>
      {form.agentOn && (
        <div style={{ display: 'grid', gridTemplateColumns: '130px 230px 160px', gap: '0 8px', alignItems: 'start' }} data-testid="agent">
          <Form.Item validateStatus={required(check.agentName) ? 'error' : undefined} help={problemText(required(check.agentName))} style={{ marginBottom: 4 }}>
            <Input placeholder={t('intake.agentName')} value={form.agent.name} onChange={(e) => setAgent({ name: e.target.value })} maxLength={60} disabled={disabled} />
          </Form.Item>
          <Form.Item validateStatus={agentIdProblem ? 'error' : undefined} help={problemText(agentIdProblem)} style={{ marginBottom: 4 }}>
            <Input placeholder={t('intake.agentIdNumber')} value={form.agent.idNumber} onChange={(e) => setAgent({ idNumber: e.target.value })} maxLength={24} disabled={disabled} className="tabular" />
          </Form.Item>
          <Form.Item validateStatus={check.agentPhone ? 'error' : undefined} help={problemText(check.agentPhone)} style={{ marginBottom: 4 }}>
            <Input placeholder={t('intake.agentPhone')} value={form.agent.phone} onChange={(e) => setAgent({ phone: e.target.value })} maxLength={20} disabled={disabled} />
          </Form.Item>
        </div>
      )}
      {readError && (
        <div style={{ marginBottom: 6 }}>
          <ErrorAlert error={readError} compact onClose={onClearReadError} />
        </div>
      )}
      {!readError && reading && <div style={{ color: tone.serving, fontSize: 12, marginBottom: 4 }}>{t('intake.placeCard')}</div>}
    </div>
  );
});

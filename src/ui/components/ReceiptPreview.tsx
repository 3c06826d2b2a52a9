import { Segmented } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/context';
import { useStationQuery } from '../station-hooks';
import { tone } from '../theme';
import { CaseQr } from './CaseQr';
import { ErrorAlert } from './ErrorAlert';

/** Columns of font A on the paper (as the renderer counts them: a Chinese character takes two). */
const COLUMNS = { 58: 32, 80: 48 } as const;

/**
 * 打印预览: the notice as the paper shows it, from the station's own ESC/POS bytes decoded back
 * (the lines, bold, double size, alignment and the QR), at 58 or 80 mm. With the simulated printer
 * this is the only way to see what the applicant got; with a real one it answers "what did it print?".
 */
export function ReceiptPreview({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const [width, setWidth] = useState<58 | 80 | undefined>(undefined);
  const preview = useStationQuery('cases.previewNotice', { caseId, ...(width ? { paperWidth: width } : {}) });
  const shown = width ?? preview.data?.paperWidth ?? 80;
  const columns = COLUMNS[shown];
  return (
    <div data-testid="receipt-preview" data-paper={shown} style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
      <Segmented<58 | 80>
        size="small"
        orientation="vertical"
        value={shown}
        onChange={setWidth}
        options={[
          { value: 58, label: t('preview.mm', { n: 58 }) },
          { value: 80, label: t('preview.mm', { n: 80 }) },
        ]}
        data-testid="preview-width"
      />
      <ErrorAlert error={preview.error} compact />
      {preview.data && (
        <div
          className="scroll-y"
          style={{
            // The paper: columns of half-width cells, a Chinese character in two of them.
            width: `calc(${columns}ch + 24px)`,
            maxHeight: 320,
            padding: '10px 12px',
            background: '#fffef8',
            boxShadow: '0 1px 4px rgba(0,0,0,0.25)',
            fontFamily: '"WenQuanYi Zen Hei Mono", "Noto Sans Mono CJK SC", monospace',
            fontSize: 12,
            lineHeight: '18px',
            color: '#222',
          }}
          data-testid="preview-paper"
        >
          {preview.data.lines.map((line, i) => (
            <div
              key={i}
              data-testid="preview-line"
              style={{
                textAlign: line.align,
                fontWeight: line.bold ? 700 : 400,
                fontSize: line.enlarged ? 24 : undefined,
                lineHeight: line.enlarged ? '32px' : undefined,
                whiteSpace: 'pre',
                minHeight: 18,
              }}
            >
              {line.text}
            </div>
          ))}
          {preview.data.qr.map((q) => (
            <div key={q} style={{ textAlign: 'center', marginTop: 6 }}>
              <CaseQr text={q} size={96} />
            </div>
          ))}
          <div style={{ borderTop: `1px dashed ${tone.muted}`, marginTop: 8, textAlign: 'center', color: tone.muted, fontSize: 11 }}>{t('preview.cut')}</div>
        </div>
      )}
    </div>
  );
}

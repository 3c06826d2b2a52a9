import { Alert, Button, Card, Empty, Space, Spin } from 'antd';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/context';
import { useStationQuery } from '../../station-hooks';
import { ErrorAlert } from '../ErrorAlert';
import { drawPage, openPdf } from './pdf';
import { useInboxKeys } from './use-inbox-keys';

export interface ViewedFile {
  applicationId: string;
  n: number;
  fileName: string;
}

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

function decode(base64: string): Uint8Array {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A material file shown in place beside the checklist: a PDF drawn by pdf.js, or an image; zoom and rotate. */
export function MaterialViewer({ file }: { file: ViewedFile | null }) {
  const { t } = useI18n();
  const [zoom, setZoom] = useState(2);
  const [rotation, setRotation] = useState(0);
  useEffect(() => {
    setZoom(2);
    setRotation(0);
  }, [file?.applicationId, file?.n]);
  const got = useStationQuery('inbox.material', file ? { id: file.applicationId, n: file.n } : { id: '00000000000000000000000000', n: 1 }, { enabled: file !== null });
  const scale = ZOOMS[zoom]!;
  useInboxKeys(
    file
      ? {
          zoomIn: () => setZoom((z) => Math.min(ZOOMS.length - 1, z + 1)),
          zoomOut: () => setZoom((z) => Math.max(0, z - 1)),
          rotate: () => setRotation((r) => (r + 90) % 360),
        }
      : {},
  );
  const tools = (
    <Space size={4}>
      <Button size="small" onClick={() => setZoom((z) => Math.max(0, z - 1))} disabled={!file || zoom === 0} data-testid="viewer-zoom-out">
        {t('inbox.zoomOut')}
      </Button>
      <span className="tabular" data-testid="viewer-zoom" style={{ minWidth: 44, textAlign: 'center', display: 'inline-block' }}>
        {Math.round(scale * 100)}%
      </span>
      <Button size="small" onClick={() => setZoom((z) => Math.min(ZOOMS.length - 1, z + 1))} disabled={!file || zoom === ZOOMS.length - 1} data-testid="viewer-zoom-in">
        {t('inbox.zoomIn')}
      </Button>
      <Button size="small" onClick={() => setRotation((r) => (r + 90) % 360)} disabled={!file} data-testid="viewer-rotate">
        {t('inbox.rotate')} {rotation}°
      </Button>
    </Space>
  );
  return (
    <Card size="small" title={file ? `${t('inbox.viewer')} · ${file.fileName}` : t('inbox.viewer')} extra={tools} style={{ height: '100%', display: 'flex', flexDirection: 'column' }} styles={{ body: { flex: 1, overflow: 'auto', minHeight: 0, background: '#f0f0f0' } }}>
      {!file && <Empty description={t('inbox.viewer.pick')} />}
      {file && got.error && <ErrorAlert error={got.error} />}
      {file && !got.data && !got.error && <Spin style={{ display: 'block', marginTop: 40 }} />}
      {file && got.data && (got.data.contentType === 'application/pdf' ? <PdfView base64={got.data.base64} scale={scale} rotation={rotation} /> : <ImageView contentType={got.data.contentType} base64={got.data.base64} scale={scale} rotation={rotation} />)}
    </Card>
  );
}

function ImageView({ contentType, base64, scale, rotation }: { contentType: string; base64: string; scale: number; rotation: number }) {
  // Only the two image types the hall takes are shown (it checked their bytes); a data: URL, which the CSP allows for images.
  if (contentType !== 'image/png' && contentType !== 'image/jpeg') return null;
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 8 }}>
      <img
        src={`data:${contentType};base64,${base64}`}
        alt=""
        data-testid="viewer-image"
        data-rotation={rotation}
        style={{ transform: `rotate(${rotation}deg) scale(${scale / 2})`, transformOrigin: 'center top', maxWidth: '100%' }}
      />
    </div>
  );
}

function PdfView({ base64, scale, rotation }: { base64: string; scale: number; rotation: number }) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(1);
  const [failed, setFailed] = useState<string | null>(null);
  const [drawn, setDrawn] = useState('');
  useEffect(() => {
    let gone = false;
    setDoc(null);
    setPage(1);
    openPdf(decode(base64)).then(
      (d) => (gone ? void d.destroy() : setDoc(d)),
      (e: unknown) => setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      gone = true;
    };
  }, [base64]);
  useEffect(() => {
    if (!doc || !canvas.current) return;
    const key = `${page}:${scale}:${rotation}`;
    // pdf.js draws at half the zoom shown: 100% is a readable A4 width beside the checklist.
    drawPage(doc, page, canvas.current, scale / 2, rotation).then(
      () => setDrawn(key),
      (e: unknown) => setFailed(e instanceof Error ? e.message : String(e)),
    );
  }, [doc, page, scale, rotation]);
  if (failed) return <Alert type="error" showIcon message={failed} />;
  return (
    <div>
      {doc && doc.numPages > 1 && (
        <Space style={{ marginBottom: 6 }}>
          <Button size="small" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            ‹
          </Button>
          <span>{t('inbox.page', { n: page, total: doc.numPages })}</span>
          <Button size="small" disabled={page >= doc.numPages} onClick={() => setPage((p) => p + 1)}>
            ›
          </Button>
        </Space>
      )}
      {!doc && <Spin />}
      <canvas ref={canvas} data-testid="viewer-pdf" data-drawn={drawn} data-rotation={rotation} style={{ display: 'block', margin: '0 auto', boxShadow: '0 1px 4px rgba(0,0,0,.3)', background: '#fff' }} />
    </div>
  );
}

import type * as PdfJs from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';

/**
 * pdf.js, loaded the first time a PDF material is opened (it is large, and most screens never need
 * it). Its worker is a file of this build, so the CSP's `script-src 'self'` covers it; no eval.
 */
let loaded: Promise<typeof PdfJs> | null = null;

async function pdfjs() {
  loaded ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([lib, worker]) => {
    lib.GlobalWorkerOptions.workerSrc = worker.default;
    return lib;
  });
  return loaded;
}

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const lib = await pdfjs();
  return lib.getDocument({ data: bytes, isEvalSupported: false }).promise;
}

/** Draw one page on the canvas at this zoom and rotation (degrees, a multiple of 90). */
export async function drawPage(doc: PDFDocumentProxy, n: number, canvas: HTMLCanvasElement, scale: number, rotation: number): Promise<void> {
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale, rotation: (page.rotate + rotation) % 360 });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  await page.render({ canvas, viewport }).promise;
}

/**
 * A printed document (notice, receipt, ticket slip) independent of any printer: the receipt printer
 * renders it to ESC/POS, the UI can preview it. Builders for each notice live in src/domain/notices.ts.
 */
export type DocumentLine =
  /** Big centred text (double width and height on the printer): the ticket number, a notice title. */
  | { kind: 'title'; text: string }
  /** A bold line, left aligned: a section heading. */
  | { kind: 'heading'; text: string }
  /** Plain text; wrapped by the renderer to the paper width. */
  | { kind: 'text'; text: string; align?: 'left' | 'center' | 'right' }
  /** Label and value on one line ("受理日期  2026-11-28"); the renderer pads or wraps. */
  | { kind: 'pair'; label: string; value: string }
  /** A horizontal rule (dashes across the paper). */
  | { kind: 'rule' }
  /** An empty line. */
  | { kind: 'blank' };

export type DocumentKind = 'acceptance' | 'deferral' | 'correction' | 'rejection' | 'ticket-slip' | 'test';

export interface PrintDocument {
  kind: DocumentKind;
  /** The document's own number (notice number, ticket number), for the print queue list. */
  reference: string;
  lines: DocumentLine[];
  /** Printed as a native QR code after the lines (case look-up URL or ticket check-in payload). */
  qr?: string;
  /** Lines printed after the QR code (signature lines, the seal note). */
  footer?: DocumentLine[];
}

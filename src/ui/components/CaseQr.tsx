import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * The case number as a QR code for the applicant's phone. Rendered in the page to a data URL (the
 * CSP allows data: images and nothing remote).
 */
export function CaseQr({ text, size = 128 }: { text: string; size?: number }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, width: size })
      .then((u) => live && setUrl(u))
      .catch(() => live && setUrl(null));
    return () => {
      live = false;
    };
  }, [text, size]);
  return url ? <img src={url} width={size} height={size} alt={text} data-testid="case-qr" /> : <div style={{ width: size, height: size }} />;
}

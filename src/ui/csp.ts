/**
 * The web host serves the page with a fresh nonce in its Content-Security-Policy and in a
 * `<meta name="csp-nonce">`; antd writes its theme's CSS variables into `<style>` elements, which a
 * policy without 'unsafe-inline' for styles lets through only with that nonce. In Electron the page
 * comes from file:// with no nonce (its own meta policy governs there).
 */
export function cspNonce(doc: Pick<Document, 'querySelector'> | undefined = globalThis.document): string | undefined {
  const content = doc?.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  return content ? content : undefined;
}

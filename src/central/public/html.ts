/**
 * HTML for the citizens' pages, written on the server: they load on phones and kiosk PCs, so they
 * carry no framework and no script they do not need. Every value goes through `esc`.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A page: Chinese, scaled for phones, no referrer (the address carries the receipt's code). */
export function page(opts: { title: string; style: string; body: string; script?: string }): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${esc(opts.title)}</title>
<style>${opts.style}</style>
</head>
<body>
${opts.body}${opts.script ? `\n<script>${opts.script}</script>` : ''}
</body>
</html>
`;
}

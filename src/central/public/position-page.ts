import type { QueuePosition } from '../../contract/api-public';
import { esc, page } from './html';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif;background:#f3f5f8;color:#1f1f1f;line-height:1.5}
header{background:#0b4f9c;color:#fff;padding:16px 20px}
header h1{margin:0;font-size:20px}
header p{margin:2px 0 0;font-size:14px;opacity:.9}
main{padding:16px;max-width:520px;margin:0 auto;text-align:center}
section{background:#fff;border-radius:8px;padding:20px 16px;margin-bottom:12px}
.number{font-size:64px;font-weight:800;color:#0b4f9c;font-variant-numeric:tabular-nums;line-height:1.1}
.zone{font-size:16px;color:#555}
.state{font-size:24px;font-weight:700;margin:8px 0 0}
.state b{font-size:40px;color:#a8071a}
.called{background:#f5c518}
.note{font-size:14px;color:#555}
`;

/** What the page says for each state of the ticket (the script below says the same, live). */
function stateLine(p: QueuePosition): string {
  switch (p.status) {
    case 'waiting':
      return p.ahead === 0 ? '下一位就是您，请留意叫号' : `前面还有 <b>${p.ahead}</b> 人`;
    case 'called':
      return `请到 ${esc(p.windowCode ?? '')} 号窗口办理`;
    case 'serving':
      return `正在 ${esc(p.windowCode ?? '')} 号窗口办理`;
    case 'finished':
      return '已办理完毕，感谢您的耐心';
    case 'no-show':
      return '已过号，请到导服台咨询';
    case 'cancelled':
      return '此号已取消';
  }
}

/**
 * Reads its ticket again every 3 s (the page must follow within 5 s; a phone on the hall's Wi-Fi
 * keeps no stream open), and says the same as the first answer did.
 */
const SCRIPT = String.raw`
(function () {
  var token = document.body.dataset.token;
  var $ = function (id) { return document.getElementById(id); };
  function line(p) {
    if (p.status === 'waiting') return p.ahead === 0 ? '下一位就是您，请留意叫号' : '前面还有 <b>' + p.ahead + '</b> 人';
    var w = String(p.windowCode || '').replace(/[^A-Za-z0-9]/g, '');
    if (p.status === 'called') return '请到 ' + w + ' 号窗口办理';
    if (p.status === 'serving') return '正在 ' + w + ' 号窗口办理';
    if (p.status === 'finished') return '已办理完毕，感谢您的耐心';
    if (p.status === 'no-show') return '已过号，请到导服台咨询';
    return '此号已取消';
  }
  function tick() {
    fetch('/api/v1/q/' + encodeURIComponent(token), { cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) {
        if (!p) return;
        $('state').innerHTML = line(p);
        document.body.dataset.status = p.status;
        document.body.dataset.ahead = String(p.ahead);
        $('card').classList.toggle('called', p.status === 'called');
      })
      .catch(function () {});
  }
  setInterval(tick, 3000);
})();
`;

export function positionPageHtml(hallName: string, token: string, p: QueuePosition): string {
  const body = `<header><h1>排队进度</h1><p>${esc(hallName)}</p></header>
<main>
<section id="card"${p.status === 'called' ? ' class="called"' : ''}><div class="number">${esc(p.ticketNumber)}</div><div class="zone">${esc(p.zoneName)}</div>
<p class="state" id="state" aria-live="polite">${stateLine(p)}</p></section>
<p class="note">本页自动刷新。叫号时请到对应窗口办理，过号须重新取号或到导服台咨询。</p>
</main>`;
  return page({ title: `排队进度 ${p.ticketNumber}`, style: STYLE, body, script: SCRIPT }).replace(
    '<body>',
    `<body data-token="${esc(token)}" data-status="${esc(p.status)}" data-ahead="${p.ahead}">`,
  );
}

export function positionNotFoundHtml(hallName: string): string {
  const body = `<header><h1>排队进度</h1><p>${esc(hallName)}</p></header><main><section><p class="state">没有找到这个号</p><p class="note">请核对取号单上的二维码，或到导服台咨询。</p></section></main>`;
  return page({ title: '没有找到这个号', style: STYLE, body });
}

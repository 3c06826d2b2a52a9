import { esc, page } from './html';

const STYLE = `
*{box-sizing:border-box}
html,body{margin:0;height:100%;overflow:hidden}
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC",sans-serif;background:#062a52;color:#fff;display:flex;flex-direction:column}
header{display:flex;justify-content:space-between;align-items:center;padding:0 4vw;height:16vh;background:#041d3a;border-bottom:.5vh solid #f5c518;font-size:6vh;font-weight:700}
main{flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center;text-align:center}
.label{font-size:6vh;color:#f5c518}
.number{font-size:30vh;font-weight:800;line-height:1.05;font-variant-numeric:tabular-nums}
.closed{font-size:16vh;font-weight:800;color:#ffb4b4}
.reason{font-size:5vh;color:#c9d8ea}
footer{height:16vh;display:flex;align-items:center;justify-content:center;gap:4vw;font-size:6vh;background:#041d3a}
footer[hidden],.hidden{display:none}
`;

/** A window's own screen: follows the public feed, reads its window again when an event names it, and every 15 s. */
const SCRIPT = String.raw`
(function () {
  var code = document.body.dataset.window;
  var $ = function (id) { return document.getElementById(id); };
  function render(w) {
    document.body.dataset.state = w.state;
    $('name').textContent = w.name;
    var open = w.state === 'open';
    $('serving').classList.toggle('hidden', !open);
    $('off').classList.toggle('hidden', open);
    $('reason').textContent = w.state === 'paused' && w.pauseReason ? w.pauseReason : '';
    $('label').textContent = w.current ? (w.current.status === 'called' ? '请' + w.current.ticketNumber + '号办理' : '正在办理') : '欢迎办理';
    $('number').textContent = w.current ? w.current.ticketNumber : '—';
    $('clerk').hidden = !w.staff;
    if (w.staff) {
      $('clerk-name').textContent = '工作人员：' + w.staff.name;
      $('clerk-no').textContent = w.staff.staffNo ? '工号：' + w.staff.staffNo : '';
    }
  }
  // One read at a time; an event during a read asks for one more after it, so none is lost.
  var pending = false, again = false;
  function refresh() {
    if (pending) { again = true; return; }
    pending = true;
    fetch('/api/v1/display/windows/' + encodeURIComponent(code), { cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (w) { if (w) render(w); })
      .catch(function () {})
      .then(function () { pending = false; if (again) { again = false; refresh(); } });
  }
  function mine(e) { try { var d = JSON.parse(e.data); if (d.code === code || d.windowCode === code) refresh(); } catch (x) {} }
  var source;
  function connect() {
    source = new EventSource('/api/v1/display/events');
    ['call', 'recall', 'window'].forEach(function (t) { source.addEventListener(t, mine); });
    source.onopen = refresh;
    source.onerror = function () { if (source.readyState === EventSource.CLOSED) setTimeout(connect, 2000); };
  }
  refresh();
  connect();
  setInterval(refresh, 15000);
})();
`;

export function windowPageHtml(code: string, name: string): string {
  const body = `<header><span id="name">${esc(name)}</span><span>${esc(code)}号窗口</span></header>
<main>
<div id="serving"><div class="label" id="label">欢迎办理</div><div class="number" id="number" aria-live="assertive">—</div></div>
<div id="off" class="hidden"><div class="closed">暂停服务</div><div class="reason" id="reason"></div></div>
</main>
<footer id="clerk" hidden><span id="clerk-name"></span><span id="clerk-no"></span></footer>`;
  return page({ title: `${code}号窗口`, style: STYLE, body, script: SCRIPT }).replace('<body>', `<body data-window="${esc(code)}">`);
}

import { esc, page } from './html';

const STYLE = `
*{box-sizing:border-box}
html,body{margin:0;height:100%;overflow:hidden}
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC",sans-serif;background:#062a52;color:#fff;display:flex;flex-direction:column}
header{display:flex;align-items:center;justify-content:space-between;padding:0 3vw;height:11vh;background:#041d3a;border-bottom:.4vh solid #f5c518}
header h1{margin:0;font-size:5vh;letter-spacing:.3vh}
#clock{font-size:5vh;font-variant-numeric:tabular-nums}
#link{font-size:2.6vh;color:#ffb4b4;margin-left:2vw}
#link[hidden]{display:none}
main{flex:1;display:grid;grid-template-columns:64fr 36fr;gap:2vh;padding:2vh 2vw;min-height:0}
.calls{display:flex;flex-direction:column;min-height:0}
.now{background:#f5c518;color:#062a52;border-radius:1.5vh;padding:1.5vh 3vw;margin-bottom:2vh;text-align:center}
.now .label{font-size:3.6vh;font-weight:700}
.now .number{font-size:19vh;line-height:1.05;font-weight:800;font-variant-numeric:tabular-nums}
.now .window{font-size:7vh;font-weight:700}
.now .where{font-size:3.4vh}
.now.flash{animation:flash 1s ease-in-out 3}
@keyframes flash{50%{background:#fff}}
ol{list-style:none;margin:0;padding:0;flex:1;min-height:0;overflow:hidden}
ol li:nth-child(n+5){display:none}
ol li{display:grid;grid-template-columns:1fr 1.3fr;align-items:baseline;border-bottom:.2vh solid #2b5487;padding:.4vh 1vw}
ol li .number{font-size:9vh;font-weight:700;font-variant-numeric:tabular-nums}
ol li .window{font-size:6.5vh}
ol li .recall{font-size:3vh;color:#f5c518;margin-left:1vw}
.zones{background:#0b3a6e;border-radius:1.5vh;padding:2vh 2vw;min-height:0;overflow:hidden}
.zones h2{margin:0 0 1.5vh;font-size:4.2vh;color:#f5c518}
.zones li{display:flex;justify-content:space-between;align-items:baseline;gap:1vw;font-size:3.6vh;line-height:1.15;padding:.6vh 0;border-bottom:.2vh solid #2b5487}
.zones li .name{flex:1;min-width:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.zones li .count{white-space:nowrap}
.zones li b{font-size:5.2vh;line-height:1;font-variant-numeric:tabular-nums}
.empty{font-size:5vh;color:#9db8d9;text-align:center;margin-top:8vh}
#sound{position:fixed;right:2vw;bottom:2vh;font-size:3.2vh;padding:1.4vh 2.4vw;border:0;border-radius:1vh;background:#f5c518;color:#062a52;font-weight:700;cursor:pointer}
#sound[hidden]{display:none}
#mute{position:fixed;left:2vw;bottom:2vh;font-size:2.6vh;color:#ffb4b4}
#mute[hidden]{display:none}
`;

/**
 * The call display. The page loads what the hall shows now (GET /api/v1/display), then follows the
 * public feed (SSE); EventSource resumes by itself with Last-Event-ID, and when the hall answered
 * something else (a proxy's 502 while the hall restarts) the page opens the feed again from the last
 * id it saw. Calls are kept by ticket and call time, so a replayed call is never shown twice.
 */
const SCRIPT = String.raw`
(function () {
  var params = new URLSearchParams(location.search);
  var zone = params.get('zone');
  var qs = zone ? 'zone=' + encodeURIComponent(zone.toUpperCase()) : '';
  var state = { calls: [], zones: [], day: null, recentCalls: 8 };
  var lastId = null;
  var source = null;
  var $ = function (id) { return document.getElementById(id); };
  var el = function (tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
  var key = function (c) { return c.ticketNumber + '@' + c.calledAt; };
  window.hallDisplay = { heard: [], state: state };

  function clock() {
    var d = new Date();
    var t = d.toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });
    var day = d.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric', weekday: 'long' });
    $('clock').textContent = day + ' ' + t;
  }

  function render() {
    var now = $('now');
    var newest = state.calls[0];
    if (newest) {
      now.hidden = false;
      now.querySelector('.number').textContent = newest.ticketNumber;
      now.querySelector('.window').textContent = '请到 ' + newest.windowCode + ' 号窗口办理';
      now.querySelector('.where').textContent = newest.windowName;
      now.dataset.ticket = newest.ticketNumber;
    } else now.hidden = true;
    var list = $('recent');
    list.textContent = '';
    state.calls.slice(1, state.recentCalls).forEach(function (c) {
      var li = el('li');
      li.dataset.ticket = c.ticketNumber;
      li.appendChild(el('span', 'number', c.ticketNumber));
      var w = el('span', 'window', c.windowCode + ' 号窗口');
      if (c.recall) w.appendChild(el('span', 'recall', '重呼'));
      li.appendChild(w);
      list.appendChild(li);
    });
    $('none').hidden = state.calls.length > 0;
    var zones = $('zones');
    zones.textContent = '';
    state.zones.forEach(function (z) {
      var li = el('li');
      li.dataset.zone = z.code;
      li.appendChild(el('span', 'name', z.name));
      var n = el('span', 'count', '等候 ');
      n.appendChild(el('b', '', String(z.waiting)));
      n.appendChild(document.createTextNode(' 人'));
      li.appendChild(n);
      zones.appendChild(li);
    });
  }

  function addCall(c) {
    state.calls = [c].concat(state.calls.filter(function (x) { return x.ticketNumber !== c.ticketNumber; }));
    state.calls.sort(function (a, b) { return a.calledAt < b.calledAt ? 1 : a.calledAt > b.calledAt ? -1 : 0; });
    state.calls = state.calls.slice(0, 20);
    render();
    var now = $('now');
    now.classList.remove('flash');
    void now.offsetWidth;
    now.classList.add('flash');
  }

  var seen = {};
  function onCall(e) {
    if (e.lastEventId) lastId = e.lastEventId;
    var c = JSON.parse(e.data);
    // A recall is a new announcement of the same ticket; a replayed call is not.
    var k = key(c) + (e.type === 'recall' ? '#' + e.lastEventId : '');
    if (seen[k]) return;
    seen[k] = true;
    addCall(c);
    window.hallDisplay.heard.push({ at: Date.now(), type: e.type, ticketNumber: c.ticketNumber, windowCode: c.windowCode, voice: c.voice });
    if (window.hallVoice) window.hallVoice.announce(c);
  }

  function onZone(e) {
    if (e.lastEventId) lastId = e.lastEventId;
    var z = JSON.parse(e.data);
    var found = false;
    state.zones = state.zones.map(function (x) { if (x.code === z.code) { found = true; return z; } return x; });
    if (!found) state.zones.push(z);
    render();
  }

  function connect() {
    if (source) source.close();
    // The hall display shows calls and counts: the windows' own events are for the window screens.
    var q = [qs, 'windowEvents=0', lastId !== null ? 'lastEventId=' + encodeURIComponent(lastId) : ''].filter(Boolean).join('&');
    source = new EventSource('/api/v1/display/events' + (q ? '?' + q : ''));
    source.addEventListener('call', onCall);
    source.addEventListener('recall', onCall);
    source.addEventListener('zone', onZone);
    source.onopen = function () { $('link').hidden = true; document.body.dataset.link = 'open'; };
    source.onerror = function () {
      $('link').hidden = false;
      document.body.dataset.link = 'lost';
      // EventSource gives up after an answer that is not an event stream: start again ourselves.
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 2000);
    };
  }

  function load() {
    return fetch('/api/v1/display' + (qs ? '?' + qs : ''), { cache: 'no-store' })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(function (s) {
        state.day = s.day;
        state.zones = s.zones;
        state.calls = s.calls;
        state.recentCalls = Math.max(1, s.calls.length, 8);
        s.calls.forEach(function (c) { seen[key(c)] = true; });
        if (window.hallVoice) window.hallVoice.configure(s);
        lastId = s.seq !== undefined ? String(s.seq) : lastId;
        $('hall').textContent = s.hallName;
        render();
        connect();
      })
      .catch(function () { $('link').hidden = false; setTimeout(load, 3000); });
  }

  clock();
  setInterval(function () {
    clock();
    // A new day starts with an empty board.
    var today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    if (state.day && today !== state.day) location.reload();
  }, 1000);
  load();
})();
`;

/**
 * The voice of the display: every call and recall is said `voiceRepeat` times, one announcement
 * after the other (a queue: two calls never overlap). A local zh-CN voice of the PC where it has one
 * (`localService`: Chrome's online "Google 普通话" is never used), otherwise the hall's voice pack as
 * one WAV per announcement. Browsers keep sound off until a first gesture: the display shows
 * 点击开启语音 until then (a kiosk started with --autoplay-policy=no-user-gesture-required needs none).
 * `hallVoice.log` records what was said and when, for the hall's own checks and the tests.
 */
const VOICE = String.raw`
(function () {
  var repeat = 2, queue = [], busy = false, unlocked = false, log = [];
  var $ = function (id) { return document.getElementById(id); };
  function mute(text) { var m = $('mute'); m.textContent = text; m.hidden = !text; }
  function localVoice() {
    if (!('speechSynthesis' in window)) return null;
    var vs = window.speechSynthesis.getVoices() || [];
    for (var i = 0; i < vs.length; i++) if (/^(zh-CN|zh_CN|cmn)/i.test(vs[i].lang) && vs[i].localService) return vs[i];
    return null;
  }
  function say(text, done) {
    var v = localVoice();
    var entry = { text: text, path: v ? 'speech' : 'audio', voice: v ? v.name : null, start: Date.now(), end: null, ok: null };
    log.push(entry);
    var finished = false;
    var finish = function (ok) { if (finished) return; finished = true; entry.end = Date.now(); entry.ok = ok; done(); };
    if (v) {
      // Whatever goes wrong, the queue moves on: a stuck announcement would silence the hall.
      try {
        var u = new SpeechSynthesisUtterance(text);
        u.lang = v.lang; u.rate = 0.9;
        try { u.voice = v; } catch (e) {}
        u.onend = function () { finish(true); };
        u.onerror = function () { finish(false); };
        window.speechSynthesis.speak(u);
        setTimeout(function () { finish(false); }, 15000);
      } catch (e) { finish(false); }
      return;
    }
    var a = new Audio('/api/v1/display/voice?text=' + encodeURIComponent(text));
    a.onended = function () { mute(''); finish(true); };
    a.onerror = function () { mute('无法播放语音：大厅没有可用的语音包'); finish(false); };
    var p = a.play();
    if (p && p.catch) p.catch(function (e) {
      if (e && e.name === 'NotAllowedError') { unlocked = false; $('sound').hidden = false; mute('声音未开启，请点击“点击开启语音”'); }
      finish(false);
    });
  }
  function next() {
    if (busy || !unlocked || queue.length === 0) return;
    var item = queue.shift();
    // A call waiting longer than a minute (sound was off) is no longer worth saying.
    if (Date.now() - item.at > 60000) return next();
    busy = true;
    say(item.text, function () { busy = false; setTimeout(next, 500); });
  }
  function unlock() {
    unlocked = true;
    $('sound').hidden = true;
    mute('');
    try { var c = new (window.AudioContext || window.webkitAudioContext)(); c.resume(); } catch (e) {}
    next();
  }
  window.hallVoice = {
    log: log,
    configure: function (s) { repeat = s.voiceRepeat; },
    announce: function (c) { for (var i = 0; i < repeat; i++) queue.push({ text: c.voice, at: Date.now() }); next(); },
    unlock: unlock,
  };
  document.addEventListener('DOMContentLoaded', function () {
    $('sound').addEventListener('click', unlock);
    // A kiosk allowed to play sound without a gesture starts with it on.
    try {
      var probe = new (window.AudioContext || window.webkitAudioContext)();
      if (probe.state === 'running') unlock();
      probe.close();
    } catch (e) {}
  });
})();
`;

export function displayPageHtml(hallName: string): string {
  const body = `<header><h1 id="hall">${esc(hallName)}</h1><div><span id="clock"></span><span id="link" role="status" hidden>连接中断，正在重连…</span></div></header>
<main>
<section class="calls" aria-label="叫号">
<div class="now" id="now" hidden aria-live="assertive"><div class="label">正在呼叫</div><div class="number"></div><div class="window"></div><div class="where"></div></div>
<p class="empty" id="none">请取号等候叫号</p>
<ol id="recent" aria-label="最近叫号"></ol>
</section>
<section class="zones" aria-labelledby="zones-title"><h2 id="zones-title">等候人数</h2><ul id="zones" style="list-style:none;margin:0;padding:0"></ul></section>
</main>
<button id="sound" type="button">点击开启语音</button>
<p id="mute" role="status" hidden></p>`;
  return page({ title: `${hallName} 叫号`, style: STYLE, body, script: VOICE + SCRIPT });
}

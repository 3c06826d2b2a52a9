import { useState, type CSSProperties } from 'react';
import type { PadState, StationEvent } from '../../contract/station-api';
import { evaluationLabel, evaluationLevels, evaluationReasons, isBadEvaluation, starsFromLevel, type EvaluationLevel } from '../../domain/evaluation';
import { errorText } from '../i18n/errors';
import { useStationCall, useStationQuery } from '../station-hooks';
import { tone } from '../tone';

const takePad = (e: StationEvent): PadState | undefined => (e.type === 'pad' ? e.state : undefined);

/** Colours of the five levels, good to bad; the stars are the province's (非常满意 5 … 非常不满意 1), drawn with ★, which every CJK font has (emoji faces are not on every kiosk). */
const levelColour: Record<EvaluationLevel, string> = { 1: '#237804', 2: '#389e0d', 3: '#5b8c00', 4: '#d46b08', 5: '#cf1322' };

/**
 * The evaluation pad (评价器) on the counter's small touch screen, 800×480 or 1024×600: idle (window
 * and clerk), rate (the ticket and five large buttons), reason (a bad level asks why before anything
 * is recorded), thanks. Sized in viewport units so both screens fill without scrolling.
 */
export function PadScreen() {
  const pad = useStationQuery('pad.state', {}, { take: takePad });
  const rate = useStationCall('pad.rate');
  // The bad level chosen, for the ticket it was chosen for: a new ticket on the pad starts afresh.
  const [chosen, setChosen] = useState<{ ticketId: string; level: EvaluationLevel } | null>(null);
  const [otherOpen, setOtherOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const state = pad.data;
  const ticket = state?.mode === 'rate' ? state.ticket : null;
  const bad = chosen && ticket && chosen.ticketId === ticket.id ? chosen.level : null;
  const setBad = (level: EvaluationLevel | null) => setChosen(level !== null && ticket ? { ticketId: ticket.id, level } : null);

  async function send(level: EvaluationLevel, reason?: string) {
    if (!ticket) return;
    const answer = await rate.run({ ticketId: ticket.id, level, ...(reason ? { reason } : {}) });
    if (answer.ok) {
      pad.patch(() => answer.value);
      setBad(null);
      setOtherOpen(false);
      setTyped('');
    }
  }

  function choose(level: EvaluationLevel) {
    if (isBadEvaluation(level)) {
      setBad(level);
      return;
    }
    void send(level);
  }

  let body;
  if (!state) {
    body = <p style={styles.hint}>正在连接工作站…</p>;
  } else if (state.mode === 'thanks') {
    body = (
      <div data-testid="pad-thanks" style={styles.center}>
        <div style={styles.big}>感谢您的评价！</div>
        <p style={styles.hint}>您的意见我们会认真对待</p>
      </div>
    );
  } else if (bad !== null && ticket !== null) {
    // A bad level asks why; a level chosen for a ticket no longer on the pad is not asked about.
    body = (
      <div data-testid="pad-reason" style={styles.column}>
        <div style={styles.title}>
          您选择了“{evaluationLabel(bad)}”，请告诉我们原因
        </div>
        <div style={styles.reasons}>
          {evaluationReasons.map((r) => (
            <button
              key={r}
              type="button"
              data-reason={r}
              disabled={rate.pending}
              style={{ ...styles.reason, ...(r === '其他' && otherOpen ? { borderColor: tone.serving, color: tone.serving } : {}) }}
              onClick={() => (r === '其他' ? setOtherOpen(true) : void send(bad, r))}
            >
              {r}
            </button>
          ))}
        </div>
        {otherOpen && (
          <div style={styles.row}>
            <input
              data-testid="pad-reason-text"
              style={styles.input}
              value={typed}
              maxLength={200}
              placeholder="请输入原因"
              onChange={(e) => setTyped(e.target.value)}
            />
            <button type="button" data-testid="pad-reason-send" disabled={!typed.trim() || rate.pending} style={styles.send} onClick={() => void send(bad, `其他：${typed.trim()}`)}>
              提交
            </button>
          </div>
        )}
        <button type="button" data-testid="pad-back" style={styles.back} onClick={() => setBad(null)}>
          返回重新评价
        </button>
      </div>
    );
  } else if (ticket) {
    body = (
      <div data-testid="pad-rate" style={styles.column}>
        <div style={styles.title}>
          请对本次服务（<span data-testid="pad-ticket">{ticket.number}</span>号）进行评价
        </div>
        <div style={styles.levels}>
          {evaluationLevels.map((l) => (
            <button key={l} type="button" data-level={l} disabled={rate.pending} style={{ ...styles.level, background: levelColour[l] }} onClick={() => choose(l)}>
              <span style={styles.face} aria-hidden>
                {'★'.repeat(starsFromLevel(l))}
              </span>
              <span>{evaluationLabel(l)}</span>
            </button>
          ))}
        </div>
      </div>
    );
  } else {
    body = (
      <div data-testid="pad-idle" style={styles.center}>
        <div style={styles.big}>{state.window ? state.window.name : '暂停服务'}</div>
        {state.staff && state.window ? (
          <p style={styles.staff}>
            工作人员：<span data-testid="pad-staff">{state.staff.name}</span>
            {state.staff.staffNo ? `\u3000工号：${state.staff.staffNo}` : ''}
          </p>
        ) : null}
        <p style={styles.hint}>欢迎您对我们的服务进行评价</p>
      </div>
    );
  }

  return (
    <main style={styles.page} lang="zh-CN">
      {body}
      {rate.error && (
        <p role="alert" style={styles.error}>
          {errorText(rate.error)}
        </p>
      )}
    </main>
  );
}

const styles = {
  page: { height: '100vh', width: '100vw', boxSizing: 'border-box', padding: '3vh 3vw', background: tone.page, display: 'flex', flexDirection: 'column', justifyContent: 'center', fontFamily: 'system-ui, "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif', overflow: 'hidden', userSelect: 'none' },
  center: { textAlign: 'center' },
  column: { display: 'flex', flexDirection: 'column', gap: '4vh', alignItems: 'stretch' },
  big: { fontSize: 'min(9vh, 7vw)', fontWeight: 700, color: '#1f1f1f' },
  title: { fontSize: 'min(5.5vh, 4vw)', fontWeight: 600, textAlign: 'center', color: '#1f1f1f' },
  staff: { fontSize: 'min(5vh, 3.6vw)', color: '#1f1f1f', margin: '3vh 0 0' },
  hint: { fontSize: 'min(4vh, 3vw)', color: tone.muted, marginTop: '3vh' },
  levels: { display: 'grid', gridTemplateColumns: 'repeat(5, 1fr)', gap: '2vw' },
  level: { minHeight: '42vh', border: 'none', borderRadius: 16, color: '#fff', fontSize: 'min(5vh, 3.4vw)', fontWeight: 700, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: '2vh', cursor: 'pointer', touchAction: 'manipulation' },
  face: { fontSize: 'min(4.5vh, 2.6vw)', lineHeight: 1, letterSpacing: 1, whiteSpace: 'nowrap' },
  reasons: { display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: '2vw' },
  reason: { minHeight: '16vh', borderRadius: 12, border: `2px solid ${tone.line}`, background: '#fff', fontSize: 'min(5vh, 3.4vw)', fontWeight: 600, cursor: 'pointer', touchAction: 'manipulation' },
  row: { display: 'flex', gap: '2vw' },
  input: { flex: 1, fontSize: 'min(5vh, 3.4vw)', padding: '1.5vh 1.5vw', borderRadius: 12, border: `2px solid ${tone.line}` },
  send: { minWidth: '18vw', minHeight: '12vh', borderRadius: 12, border: 'none', background: tone.serving, color: '#fff', fontSize: 'min(5vh, 3.4vw)', fontWeight: 700 },
  back: { alignSelf: 'center', minHeight: '10vh', padding: '0 4vw', borderRadius: 12, border: 'none', background: 'transparent', color: tone.muted, fontSize: 'min(4vh, 3vw)' },
  error: { color: tone.error, fontSize: 'min(4vh, 3vw)', textAlign: 'center' },
} as const satisfies Record<string, CSSProperties>;

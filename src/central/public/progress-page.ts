import { caseProgress, chineseDate, type CaseStatusForProgress } from '../../domain/progress';
import { esc, page } from './html';

/** What the progress page shows: public fields only (the name masked; no ID number, no phone). */
export interface ProgressView {
  hallName: string;
  hallPhone: string | null;
  hallAddress: string | null;
  caseNo: string;
  applicantMasked: string;
  matters: string[];
  status: CaseStatusForProgress;
  acceptedOn: string;
  /** The promised date as it now stands (pauses of the clock move it). */
  promisedDate: string;
  correctionDueDate: string | null;
  owed: Array<{ name: string; dueDate: string }>;
  windowCode: string;
  deliveredOn: string | null;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif;color:#1f1f1f;background:#f3f5f8;font-size:16px;line-height:1.6}
header{background:#0b4f9c;color:#fff;padding:16px 20px}
header h1{margin:0;font-size:20px}
header p{margin:2px 0 0;font-size:14px;opacity:.9}
main{padding:12px;max-width:640px;margin:0 auto}
section{background:#fff;border-radius:8px;padding:14px 16px;margin-bottom:12px}
h2{font-size:16px;margin:0 0 8px;color:#0b4f9c}
.status{font-size:20px;font-weight:600;margin:0}
dl{margin:0;display:grid;grid-template-columns:6em 1fr;gap:4px 8px}
dt{color:#555}
dd{margin:0;word-break:break-all}
ol.steps{list-style:none;display:flex;padding:0;margin:14px 0 4px}
ol.steps li{flex:1;text-align:center;position:relative;font-size:15px;color:#6b6b6b}
ol.steps li::before{content:"";display:block;width:22px;height:22px;margin:0 auto 4px;border-radius:50%;border:3px solid #b0b0b0;background:#fff}
ol.steps li+li::after{content:"";position:absolute;top:10px;right:calc(50% + 14px);width:calc(100% - 28px);height:3px;background:#b0b0b0}
ol.steps li.done{color:#0a6b2f}
ol.steps li.done::before{background:#0a6b2f;border-color:#0a6b2f}
ol.steps li.done::after,ol.steps li.current::after{background:#0a6b2f}
ol.steps li.current{color:#0b4f9c;font-weight:700}
ol.steps li.current::before{border-color:#0b4f9c;background:#dbe8f7}
.owed li{margin-bottom:4px}
.due{color:#a8071a;font-weight:600}
.note{font-size:14px;color:#555}
@media print{body{background:#fff}header{background:#fff;color:#000;border-bottom:2px solid #000}section{border:1px solid #999;break-inside:avoid}ol.steps li.done::before{background:#000;border-color:#000}}
`;

/** The page of one case. */
export function progressPage(v: ProgressView): string {
  const p = caseProgress(v.status);
  const steps = p.steps.length
    ? `<ol class="steps" aria-label="办理进度">${p.steps
        .map((s) => `<li class="${s.state}"${s.state === 'current' ? ' aria-current="step"' : ''}>${esc(s.label)}</li>`)
        .join('')}</ol>`
    : '';
  const dates: string[] = [`<dt>受理日期</dt><dd>${esc(chineseDate(v.acceptedOn))}</dd>`];
  if (p.running || v.status === 'approved') dates.push(`<dt>承诺办结</dt><dd>${esc(chineseDate(v.promisedDate))}前</dd>`);
  if (v.deliveredOn) dates.push(`<dt>办结日期</dt><dd>${esc(chineseDate(v.deliveredOn))}</dd>`);
  const owed = v.owed.length
    ? `<section><h2>需补交的材料（容缺受理）</h2><ul class="owed">${v.owed
        .map((m) => `<li>${esc(m.name)}：<span class="due">${esc(chineseDate(m.dueDate))}前</span>补交</li>`)
        .join('')}</ul><p class="note">请到受理窗口提交，或通过网上政务服务大厅上传电子材料；逾期未补齐的将终止办理。</p></section>`
    : '';
  const correction =
    v.status === 'correction-notified' && v.correctionDueDate
      ? `<section><h2>补正期限</h2><p>请于<span class="due">${esc(chineseDate(v.correctionDueDate))}前</span>按补正告知书补齐材料。</p></section>`
      : '';
  const where = [
    `<dt>领取地点</dt><dd>${esc(v.hallName)} ${esc(v.windowCode)}窗口${v.hallAddress ? `（${esc(v.hallAddress)}）` : ''}</dd>`,
    v.hallPhone ? `<dt>咨询电话</dt><dd><a href="tel:${esc(v.hallPhone.replace(/[^0-9+]/g, ''))}">${esc(v.hallPhone)}</a></dd>` : '',
  ].join('');
  const body = `<header><h1>办件进度查询</h1><p>${esc(v.hallName)}</p></header>
<main>
<section aria-labelledby="state"><h2 id="state">办理状态</h2><p class="status">${esc(p.headline)}</p>${steps}</section>
${owed}${correction}<section><h2>办件信息</h2><dl>
<dt>办件编号</dt><dd>${esc(v.caseNo)}</dd>
<dt>申请人</dt><dd>${esc(v.applicantMasked)}</dd>
<dt>办理事项</dt><dd>${v.matters.map(esc).join('<br>')}</dd>
${dates.join('\n')}
</dl></section>
<section><h2>${p.collectable ? '请携带回执和身份证件领取' : '领取与咨询'}</h2><dl>${where}</dl></section>
<p class="note">本页仅显示办理进度，不含证件号码等个人信息。请妥善保管回执，勿将二维码转发他人。</p>
</main>`;
  return page({ title: `办件进度 ${v.caseNo}`, style: STYLE, body });
}

/** The one answer to every address that opens no case: the same bytes whatever was wrong. */
export function progressNotFoundPage(hallName: string): string {
  const body = `<header><h1>办件进度查询</h1><p>${esc(hallName)}</p></header>
<main><section><h2>没有找到办件</h2><p>请核对回执上的二维码，或携带回执到大厅咨询。</p></section></main>`;
  return page({ title: '没有找到办件', style: STYLE, body });
}

import type { ErrorBody } from '../../contract/primitives';
import type { Lang } from './lang';

/**
 * THE one map from error code to the words a clerk reads. Every code the domain, the station and the
 * hall server answer with has its Chinese line here (English beside it); a code not listed falls back
 * to the server's own message with the code, so nothing is ever shown as a bare "error".
 * Messages say what happened and, where the clerk can do something, what to do.
 */

type Details = Record<string, unknown>;
type Text = string | ((d: Details) => string);
interface Entry {
  zh: Text;
  en: Text;
}

const s = (v: unknown, fallback = ''): string => (v === undefined || v === null ? fallback : String(v));

export const errorMessages: Record<string, Entry> = {
  // transport between this page and the station
  STATION_UNREACHABLE: { zh: '工作站后台无法连接，请检查本机工作站程序是否在运行', en: 'The station back end cannot be reached' },
  STATION_BAD_ANSWER: { zh: '工作站返回了无法识别的应答，请刷新页面重试；如反复出现请联系管理员', en: 'The station sent an answer that could not be read' },
  STATION_TIMEOUT: { zh: '工作站长时间无应答，请重试', en: 'The station took too long to answer; try again' },

  // hall server and sync
  HALL_UNREACHABLE: {
    zh: '大厅服务器无法连接：叫号暂不可用，受理、打印照常，恢复后自动同步',
    en: 'The hall server cannot be reached: calling is unavailable; intake and printing go on and sync later',
  },
  DATABASE_UNAVAILABLE: { zh: '大厅服务器的数据库暂时不可用，请稍后重试', en: 'The hall database is unavailable; try again shortly' },
  HALL_ERROR: { zh: '大厅服务器出错，请稍后重试', en: 'The hall server failed; try again shortly' },
  SYNC_REJECTED: { zh: '大厅服务器拒绝了这条记录，请在“设备与同步”页查看原因并联系管理员', en: 'The hall server rejected this record' },
  SYNC_IN_PROGRESS: { zh: '正在同步，请稍候', en: 'A sync is already running' },

  // queue
  TICKET_ILLEGAL_TRANSITION: {
    zh: (d) => `该号当前状态（${ticketStatusZh(d.status)}）不能${ticketActionZh(d.action)}，可能已被其他窗口处理`,
    en: (d) => `This ticket (${s(d.status)}) cannot be ${s(d.action)} now; another window may have handled it`,
  },
  TICKET_NOT_FOUND: { zh: '没有找到这个号，可能已被改派或取消', en: 'Ticket not found; it may have been reassigned or cancelled' },
  TICKET_ALREADY_CALLED: { zh: '这个号已被其他窗口叫走，请按 F1 叫下一位', en: 'Another window has called this ticket' },
  TICKET_RECALL_LIMIT: { zh: (d) => `已重呼 ${s(d.recallCount)} 次（上限 ${s(d.maxRecalls)} 次），请按过号处理`, en: (d) => `Recalled ${s(d.recallCount)} times (limit ${s(d.maxRecalls)}); mark as no-show` },
  TICKET_GRACE_EXPIRED: { zh: (d) => `过号已超过 ${s(d.graceMinutes)} 分钟，不能恢复，请重新取号`, en: (d) => `No-show more than ${s(d.graceMinutes)} minutes ago; a new ticket is needed` },
  TICKET_NOT_YOURS: { zh: '这个号不在本窗口，请只处理本窗口叫到的号，或请值班长改派', en: 'This ticket is not at this window' },
  WINDOW_BUSY: { zh: '本窗口还有正在办理的号，请先办结、过号或转移', en: 'This window still has a ticket: finish, no-show or transfer it first' },
  WINDOW_PAUSED: { zh: '窗口已暂停，请先恢复再叫号', en: 'The window is paused: resume it before calling' },
  WINDOW_NOT_FOUND: { zh: '没有这个窗口，请核对窗口编号，或请管理员先建立该窗口', en: 'No such window' },
  WINDOW_SIGNED_OUT: { zh: '该窗口无人签到，请先让工作人员在该窗口登录，或改派到其他窗口', en: 'Nobody is signed in at that window' },
  WINDOW_TAKEN: { zh: (d) => `该窗口已由 ${s(d.staffName, '其他人员')} 签到，请选择其他窗口，或请其先退出`, en: 'Someone else is signed in at that window' },
  WINDOW_FORBIDDEN: { zh: '没有该窗口的操作权限，请在自己的窗口操作，或请值班长处理', en: 'Not allowed at that window' },
  WINDOW_REQUIRED: { zh: '请先选择窗口再签到', en: 'Choose a window first' },
  WINDOW_CODE: { zh: '窗口编号格式不对（应如 A3 或 TC01），请按1至8位字母或数字重新填写', en: 'Window code should look like A3 or TC01' },
  ZONE_FORBIDDEN: { zh: '本窗口不办理该区业务，请转到办理该区业务的窗口，或请值班长改派', en: 'This window does not serve that zone' },
  ZONE_NOT_FOUND: { zh: '没有这个服务区，请核对服务区代码后重试', en: 'No such zone' },
  QUEUE_EMPTY: { zh: '当前没有等候的号', en: 'Nobody is waiting' },
  QUEUE_OFFLINE: { zh: '大厅服务器离线，叫号暂不可用；可登记现场来人直接受理', en: 'Hall server offline: calling unavailable; take walk-ins directly' },
  TRANSFER_TARGET_REQUIRED: { zh: '请选择转移到的服务区、事项或窗口', en: 'Choose a zone, matter or window to transfer to' },
  REASSIGN_TARGET: { zh: '改派时请只选一个窗口或一个服务区', en: 'Choose exactly one window or one zone' },

  // identity numbers (details from src/domain/id-number)
  ID_NUMBER_EMPTY: { zh: '请输入证件号码', en: 'Enter the ID number' },
  ID_NUMBER_LENGTH: {
    zh: (d) => (d.firstGeneration ? '15位一代身份证号码已停用，请输入18位号码' : `证件号码应为18位，现在是${s(d.length, '?')}位，请核对后重新输入，或按 F9 读卡`),
    en: (d) => (d.firstGeneration ? '15-digit first-generation numbers are no longer valid' : `An ID number has 18 characters, this one has ${s(d.length, '?')}`),
  },
  ID_NUMBER_FORMAT: {
    zh: (d) => (d.position ? `第${s(d.position)}位“${s(d.character)}”不对：应为17位数字加一位数字或X，请核对后重新输入` : '格式不对：应为17位数字加一位数字或X，请核对后重新输入'),
    en: (d) => (d.position ? `Character ${s(d.position)} ("${s(d.character)}") is wrong: 17 digits then a digit or X` : '17 digits then a digit or X'),
  },
  ID_NUMBER_REGION: { zh: (d) => `地区码${s(d.provinceCode ?? d.regionCode, '')}不存在，请核对前6位`, en: (d) => `Region code ${s(d.provinceCode ?? d.regionCode)} does not exist` },
  ID_NUMBER_BIRTH_DATE: {
    zh: (d) =>
      d.reason === 'in-future'
        ? `出生日期${s(d.birthDate)}晚于今天，请核对第7-14位`
        : d.reason === 'too-early'
          ? `出生日期${s(d.birthDate)}过早，请核对第7-14位`
          : `出生日期${s(d.birthDate)}不是有效日期，请核对第7-14位`,
    en: (d) => `Birth date ${s(d.birthDate)} is not possible (characters 7-14)`,
  },
  ID_NUMBER_CHECK_DIGIT: {
    zh: (d) => `校验位错误(应为${s(d.expected, '?')})，可能有一位数字输错，请逐位核对`,
    en: (d) => `Check character wrong (should be ${s(d.expected, '?')}): a digit was probably mistyped`,
  },

  // calendar and catalogue
  CALENDAR_YEAR_UNKNOWN: {
    zh: (d) => `${s(d.year, '该')}年的节假日安排尚未录入，也不在按《全国年节及纪念日放假办法》推算的范围（2025年起），无法计算承诺办结日期，请联系管理员录入该年日历`,
    en: (d) => `No holiday calendar for ${s(d.year, 'that year')}, entered or derivable from the statute: the promised date cannot be computed`,
  },
  CALENDAR_REVISION_UNKNOWN: {
    zh: (d) => `大厅服务器没有${s(d.year)}年日历的第${s(d.revision)}版，无法核对承诺办结日期，请联系管理员`,
    en: (d) => `The hall never had revision ${s(d.revision)} of the ${s(d.year)} calendar`,
  },
  CALENDAR_REVISION_CONFLICT: {
    zh: (d) => `${s(d.year)}年日历刚被他人修改（现为第${s(d.revision)}版），请重新预览后再保存`,
    en: (d) => `The ${s(d.year)} calendar was changed meanwhile (now revision ${s(d.revision)}): preview again`,
  },
  CALENDAR_CHANGE_NEEDS_FORCE: {
    zh: '这次修改会清空假日，或取消在办件期限所依据的休息日：请核对预览中列出的日期和办件，确认后勾选“强制保存”',
    en: 'This change empties the holidays or removes rest days open cases count on: check the preview and save with force',
  },
  // why saving a year needs force (the preview shows these as they are)
  HOLIDAYS_EMPTIED: {
    zh: (d) => `保存后这一年将没有任何假日（现有${s(d.holidaysBefore)}段），请核对后再保存`,
    en: (d) => `The year would have no holidays (it has ${s(d.holidaysBefore)} now)`,
  },
  COUNTED_REST_DAYS_REMOVED: {
    zh: (d) => `${Array.isArray(d.dates) ? d.dates.join('、') : ''} 将由休息日改为工作日，${s(d.cases)}件在办件的期限正按这些休息日计算`,
    en: (d) => `${Array.isArray(d.dates) ? d.dates.join(', ') : ''} become working days; ${s(d.cases)} open cases count on them`,
  },
  CALENDAR_NOTICE_UNREADABLE: {
    zh: '没有读出放假安排：请粘贴通知全文，或至少粘贴“一、元旦：……”这样的各行',
    en: 'No holiday line could be read: paste the notice, or at least its numbered lines',
  },
  CALENDAR_NOTICE_YEAR_MISMATCH: {
    zh: (d) => `粘贴的是${s(d.noticeYear)}年的通知，正在录入的是${s(d.year)}年，请改选年份或粘贴对应年份的通知`,
    en: (d) => `This is the notice for ${s(d.noticeYear)}, not for ${s(d.year)}`,
  },
  CALENDAR_INVALID: { zh: '节假日日历数据有误，请联系管理员', en: 'The holiday calendar is invalid' },
  WORKING_DAYS_INVALID: { zh: '工作日天数不正确，请填写0或正整数', en: 'Invalid number of working days' },
  DATE_INVALID: { zh: '日期不正确，请按“2026-12-01”的格式重新填写', en: 'Invalid date' },
  CATALOG_INVALID: { zh: '事项目录数据有误，请联系管理员', en: 'The catalogue is invalid' },
  CATALOG_MATTER_UNKNOWN: { zh: (d) => `事项 ${s(d.matter)} 不在目录中，目录可能尚未同步`, en: (d) => `Matter ${s(d.matter)} is not in the catalogue` },
  CATALOG_EMPTY: { zh: '事项目录为空：请等待与大厅服务器同步', en: 'The catalogue is empty: wait for the first sync' },

  // intake
  INTAKE_NO_MATTER: { zh: '请先选择办理事项', en: 'Choose a matter first' },
  INTAKE_MATERIALS_INCOMPLETE: { zh: '材料不齐，不能直接受理；请收齐材料，或改用容缺受理、一次性告知', en: 'Materials incomplete: cannot accept outright' },
  INTAKE_REQUIRED_MISSING: { zh: '缺少必要材料，不能容缺受理；请先收齐必要材料，或出具一次性告知书', en: 'Required materials missing: deferred acceptance not possible' },
  INTAKE_NOTHING_DEFERRED: { zh: '材料齐全，无需容缺', en: 'Nothing to defer' },
  INTAKE_CREDIT_EXCLUDED: { zh: '申请人有失信记录，不适用容缺受理', en: 'Applicant on the bad-credit list: no deferred acceptance' },
  INTAKE_DEFERRAL_NO_TIME: { zh: '承诺时限内没有补交材料的时间（即办件不适用容缺）', en: 'No time to supply materials within the promised limit' },
  INTAKE_DEFERRED_DUE_DATE_INVALID: {
    zh: (d) => `容缺材料的补交日期须在受理日之后、不晚于承诺办结日期${d.promisedDate ? ` ${s(d.promisedDate)}` : ''}`,
    en: 'A deferred material must be due after acceptance and by the promised date',
  },
  INTAKE_DEFERRED_DUE_DATE_BEYOND_LIMIT: {
    zh: (d) => `该容缺材料最迟于 ${s(d.latest)} 前补交（容缺期限 ${s(d.deferralDays)} 个工作日），不能约定更晚`,
    en: (d) => `This deferred material is due by ${s(d.latest)} at the latest`,
  },
  INTAKE_NOTHING_MISSING: { zh: '材料齐全，无需补正', en: 'Nothing missing: no correction notice needed' },
  INTAKE_OUTCOME_NOT_ALLOWED: { zh: '当前材料情况不允许这个结果，请按“可以”一行操作', en: 'The checklist does not allow this outcome now' },
  INTAKE_REJECTION_REASON: { zh: '不予受理须填写理由', en: 'A rejection needs a reason' },
  APPLICANT_INVALID: { zh: '申请人信息不完整或有误', en: 'Applicant details incomplete or wrong' },

  // cases
  CASE_NOT_FOUND: { zh: '没有找到这个办件，请核对办件编号后重新查询', en: 'Case not found' },
  CASE_ILLEGAL_TRANSITION: { zh: (d) => `办件当前状态（${caseStatusZh(d.status)}）不能进行此操作，请刷新办件查看最新状态`, en: (d) => `A ${s(d.status)} case cannot ${s(d.action)}` },
  CASE_PROMISED_DATE_MISMATCH: {
    zh: (d) => `承诺办结日期与大厅服务器计算不一致（本机 ${s(d.station ?? d.promisedDate)}，服务器 ${s(d.server ?? d.expected)}），请核对日历是否已同步`,
    en: 'The promised date differs from the hall server’s; check the calendar sync',
  },
  CASE_NUMBER_TAKEN: { zh: '办件编号重复，已被大厅服务器拒绝，请联系管理员', en: 'Case number already used' },
  CASE_MATERIAL_NOT_OWED: { zh: '该材料不欠缺（不是容缺或补正材料），无需补交', en: 'This material is not owed' },
  CASE_MATERIAL_STILL_SHORT: { zh: '补交方式仍不符合要求（如需原件），请按材料标准补交', en: 'The supplement still does not meet the standard' },
  CASE_MATERIAL_UNKNOWN: { zh: '材料不在所选事项的清单中，请核对事项后重新勾选', en: 'Material not on the checklist of these matters' },
  CASE_MATERIAL_DUPLICATE: { zh: '同一材料登记了两次，请删去重复的一条后再提交', en: 'The same material is listed twice' },
  CASE_MATERIALS_INCOMPLETE: { zh: '必要材料不齐，大厅服务器不接受直接受理；请补齐必要材料，或改用容缺受理', en: 'Required materials missing: the hall refuses outright acceptance' },
  CASE_ALREADY_RECORDED: { zh: '该办件已在大厅服务器登记，无需重复提交，可在“办件”中查看', en: 'The case is already recorded' },
  CASE_STATION_MISMATCH: { zh: '该办件属于另一个工作站，请到受理该办件的工作站处理', en: 'The case belongs to another station' },
  CASE_DEFERRED_DUE_DATE_INVALID: { zh: '容缺材料的补交日期须在受理日之后、不晚于承诺办结日期', en: 'Deferred due date must fall after acceptance and by the promised date' },
  CASE_DEFERRED_DUE_DATE_BEYOND_LIMIT: {
    zh: (d) => `容缺材料的补交日期超出该材料的容缺期限（最迟 ${s(d.latest)}），大厅服务器不接受`,
    en: (d) => `Deferred due date beyond the material's own limit (latest ${s(d.latest)})`,
  },
  CASE_CORRECTION_DUE_DATE_INVALID: { zh: '补正截止日期有误', en: 'Correction due date invalid' },
  CASE_DEPARTMENT_UNKNOWN: { zh: '没有这个审批部门，请核对部门代码，或请管理员在目录中添加', en: 'Unknown department' },
  CASE_REVIEW_NOT_FOUND: { zh: '该部门不在此办件的并联审批中，请核对部门，或请管理员查看该事项的审批配置', en: 'This department is not reviewing the case' },
  CASE_REVIEW_ALREADY_DECIDED: { zh: '该部门已作出审批结论，无需再次审批，可在办件详情中查看结论', en: 'This department has already decided' },
  CASE_CLOCK_PAUSE_INVALID: { zh: '特别程序的起止日期有误，请核对起止日期（结束不早于开始）后重试', en: 'Clock pause dates invalid' },
  CASE_PURGED: { zh: '该办件的个人信息已按保存期限从本机清除，请到大厅服务器查询', en: 'Personal data of this case was purged from this PC' },
  MATTER_UNKNOWN: { zh: '事项目录中没有这个事项（目录可能已更新），请重新选择', en: 'Unknown matter (the catalogue may have changed)' },
  MATTER_NOT_IN_ZONE: { zh: '该事项不属于所选服务区，请改选办理该事项的服务区', en: 'The matter is not in this zone' },
  BUNDLE_UNKNOWN: { zh: '没有这个"一件事"套餐，请改选列表中的套餐，或逐项选择事项', en: 'Unknown bundle' },
  WINDOW_UNKNOWN: { zh: '没有这个窗口，请核对窗口编号后重试', en: 'Unknown window' },
  ZONE_UNKNOWN: { zh: '没有这个服务区，请核对服务区代码后重试', en: 'Unknown zone' },
  MUTATION_INVALID: { zh: '记录内容不符合约定，大厅服务器未接收；请把工作站升级到与大厅相同的版本，并联系管理员', en: 'The record is not valid' },
  MUTATION_ID_REUSED: { zh: '记录编号冲突，请联系管理员', en: 'Record id reused' },
  MUTATION_IN_PROGRESS: { zh: '这条记录正在处理中，请稍候', en: 'This record is being processed' },
  MUTATION_NOT_REJECTED: { zh: '这条记录没有被拒绝，无需重试', en: 'This record was not rejected' },
  SYNC_BACKLOG_LARGE: { zh: (d) => `有 ${s(d.pending, '许多')} 条记录等待同步，请检查与大厅服务器的连接`, en: (d) => `${s(d.pending, 'Many')} records waiting to sync` },
  SYNC_OFFLINE_LONG: { zh: '离线时间过长，请联系管理员检查与大厅服务器的网络', en: 'Offline for a long time: check the network' },
  SYNC_FAILED: { zh: '同步失败，稍后自动重试', en: 'Sync failed; it will retry' },
  CATALOG_NOT_SYNCED: { zh: '本机还没有事项目录：请在联网时登录一次', en: 'No catalogue on this PC yet: sign in once while online' },
  CALENDAR_NOT_SYNCED: { zh: '本机还没有工作日历：请在联网时登录一次', en: 'No working-day calendar on this PC yet' },
  NOTICE_NOT_FOUND: { zh: '没有找到这份通知书，请核对通知书编号后重新查询', en: 'Notice not found' },
  PRINT_INTERRUPTED: { zh: '上次打印被中断（程序退出），请重打', en: 'The last print was interrupted; reprint' },
  GREEN_CHANNEL_ID_REQUIRED: { zh: '绿色通道取号须读取或录入证件号码：请按 F9 读卡或输入证件号码', en: 'A green-channel ticket needs the ID number: read the card (F9) or type it' },
  GREEN_CHANNEL_REASON_REQUIRED: { zh: '绿色通道取号须选择原因：老年人、残疾人、孕妇、军人军属或其他', en: 'A green-channel ticket needs a reason' },
  INTAKE_PHONE_REQUIRED: { zh: '容缺受理、告知承诺和补正告知须留联系电话：请在“电话”栏填写申请人或代理人的手机号', en: 'Deferred acceptance, commitments and correction notices need a phone number: fill in the applicant’s or agent’s phone' },
  INTAKE_REJECTION_REASON_REQUIRED: { zh: '不予受理须填写理由', en: 'A rejection needs a reason' },
  ID_NUMBER_REQUIRED: { zh: '本大厅取号须提供身份证号码', en: 'An ID number is required to take a ticket' },
  REQUEST_ID_REUSED: { zh: '取号请求重复，请重新取号', en: 'Ticket request reused' },
  TICKET_NOT_TODAY: { zh: '这是以前的号，今天不能再叫；请让申请人到导服台重新取号', en: 'This ticket is not from today' },
  REASSIGN_TARGET_INVALID: { zh: '改派目标有误：请选择一个窗口或一个服务区', en: 'Choose one window or one zone' },
  WINDOW_IS_RECEPTION: { zh: '导服台不叫号，请在办事窗口叫号，导服台只发号', en: 'A reception desk does not call tickets' },
  WINDOW_AT_CENTRE: { zh: '便民服务中心的窗口不叫大厅的号，请直接受理来办群众的申请', en: 'A town centre\'s window does not call the hall\'s tickets' },
  WINDOW_NOT_PAUSED: { zh: '窗口没有暂停，无需恢复，可直接叫号', en: 'The window is not paused' },
  WINDOW_KIND_MISMATCH: { zh: '该账号不能在这种窗口登录，请选择与岗位相符的窗口重新登录', en: 'This account cannot sign in at this kind of window' },
  NO_WINDOW: { zh: '请先选择窗口', en: 'Choose a window first' },
  OFFLINE_LOGIN_FAILED: { zh: '离线登录失败：用户名或密码不对，或此账号从未在本机联网登录过；请核对后重试，或等联网后再登录', en: 'Offline sign-in failed: wrong password, or never signed in on this PC' },
  STAFF_NOT_FOUND: { zh: '没有这个工作人员账号，请核对用户名，或请管理员建立账号', en: 'No such staff account' },
  USERNAME_TAKEN: { zh: '用户名已被使用，请换一个用户名', en: 'Username taken' },
  STATION_RESULT_INVALID: { zh: '工作站内部应答有误，请联系管理员', en: 'The station answered outside its contract' },
  CALENDAR_YEAR_MISMATCH: { zh: '日历年份与内容不符，请核对年份后重新录入', en: 'Calendar year does not match its content' },
  CALENDAR_YEAR_NOT_FOUND: { zh: '大厅服务器上没有这一年的工作日历，请管理员先录入这一年的工作日历', en: 'No calendar for that year' },
  CASE_NUMBER_FORMAT: { zh: '办件编号格式不对（如 TS-20261128-A3-0007），请核对后重新输入', en: 'Case number format is TS-20261128-A3-0007' },
  CASE_NUMBER_PART_INVALID: { zh: '办件编号的站点或窗口代码有误，请核对后重新输入', en: 'Site or window code invalid in the case number' },
  CASE_SERIAL_EXHAUSTED: { zh: '本窗口今天的办件编号已用完（9999），请联系管理员', en: 'Case numbers of this window are used up today' },
  CLOCK_PAUSE_INVALID: { zh: '特别程序的起止日期有误，请核对起止日期后重试', en: 'Clock pause dates invalid' },
  REPORT_RANGE_INVALID: { zh: '报表日期格式不对，应为 2026-12-01 这样的日期；请重新选择日期', en: 'Report dates are dates like 2026-12-01' },
  REPORT_RANGE_INVERTED: { zh: '结束日期早于开始日期，请重新选择日期范围', en: 'The range ends before it starts' },
  REPORT_RANGE_TOO_LONG: { zh: '报表最多统计3年，请缩短日期范围', en: 'A report covers at most 3 years' },
  REPORT_GROUPING_UNSUPPORTED: { zh: '这张报表不能按所选方式分组', en: 'This report cannot be grouped that way' },
  EVALUATION_LEVEL_INVALID: { zh: '评价等级只能是1到5', en: 'Evaluation level is 1 to 5' },
  HALL_BAD_RESPONSE: { zh: '大厅服务器返回了无法识别的应答（版本可能不一致），请联系管理员', en: 'The hall server answered outside its contract' },
  SYNC_PUSH_UNANSWERED: { zh: '大厅服务器没有答复部分记录，稍后自动重试', en: 'The hall did not answer some records; retrying later' },
  HOST_FORBIDDEN: { zh: '工作站只接受本机访问，请在本机浏览器中打开', en: 'The station accepts this PC only' },
  LOOPBACK_ONLY: { zh: '工作站只接受本机访问，请在本机浏览器中打开', en: 'The station accepts this PC only' },
  ORIGIN_FORBIDDEN: { zh: '拒绝来自其他网页的访问，请直接打开工作站的页面，不要从其他网页跳转', en: 'Requests from other pages are refused' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '请求格式不对', en: 'Unsupported request format' },
  STATION_KEY_REQUIRED: {
    zh: '工作站已重新启动或未授权本页：请打开工作站启动时在终端里打印的地址（带密钥的那一行）',
    en: 'The station restarted or this page is not authorised: open the address the station printed when it started (the one with the key)',
  },
  STATION_KEY_MISSING: { zh: '工作站数据库已加密，但找不到密钥文件；请联系管理员恢复密钥文件', en: 'The station database is sealed but its key is missing' },
  STATION_KEY_UNREADABLE: { zh: '工作站密钥无法读取（文件损坏，或系统密钥库无法解开）；请联系管理员恢复密钥', en: 'The station key cannot be read' },
  STATION_KEY_WRONG: { zh: '工作站密钥打不开本机数据库，请联系管理员核对密钥', en: 'The station key does not open this database' },
  SQLITE_BINDING_MISSING: { zh: '桌面版缺少 SQLite 模块：请运行 npm run electron-binding，或改用浏览器模式', en: 'The SQLite binding for Electron is missing: run npm run electron-binding' },
  SQLITE_BINDING_MISMATCH: { zh: 'SQLite 模块与运行环境不符，请联系管理员重新安装', en: 'The SQLite binding does not fit this runtime' },
  NOTICE_KIND_INVALID: { zh: '通知书类型有误，请刷新页面后重试；如反复出现请联系管理员', en: 'Notice kind invalid' },
  NOTICE_NUMBER_FORMAT: { zh: '通知书编号格式不对，请核对后重新输入', en: 'Notice number format invalid' },
  NOTICE_SEQUENCE_INVALID: { zh: '通知书序号有误，请刷新页面后重试；如反复出现请联系管理员', en: 'Notice sequence invalid' },
  TICKET_NUMBER_FORMAT: { zh: '号码格式不对（如 A012），请核对后重新输入', en: 'Ticket number format is A012' },
  TICKET_PREFIX_INVALID: { zh: '服务区代码有误，请核对服务区代码', en: 'Zone prefix invalid' },
  TICKET_SERIAL_EXHAUSTED: { zh: '该服务区今天的号已取完，请联系值班长', en: 'No more ticket numbers today in this zone' },
  TICKET_SERIAL_INVALID: { zh: '号码序号有误，请核对号码后重新输入', en: 'Ticket serial invalid' },
  TICKET_WIDTH_INVALID: { zh: '号码位数设置有误，请管理员核对号码位数设置', en: 'Ticket number width invalid' },
  STATION_ERROR: { zh: '工作站出错，请重试；反复出现请联系管理员', en: 'Station error' },
  CASE_ALREADY_DELIVERED: { zh: '办件已出件，无需再次出件，可在办件详情中查看出件记录', en: 'Already delivered' },
  CASE_NOT_READY: { zh: '办件尚未办结，不能出件；请待办结后再出件', en: 'The case is not ready for delivery' },
  CASE_ALREADY_EVALUATED: { zh: '该办件已评价过（每次服务只评价一次），无需再评', en: 'Already evaluated' },
  TICKET_ALREADY_EVALUATED: { zh: '这次服务已经评价过（每次服务只评价一次），无需再评', en: 'This service was already rated' },
  PAD_TICKET_GONE: { zh: '这个号已不在评价器上（已评价过，或窗口已换人）', en: 'This ticket is no longer on the pad' },
  TICKET_NOT_FINISHED: { zh: '办结后才能评价：请先结束本号的服务', en: 'A service is rated once it is finished' },
  TICKET_NOT_AT_WINDOW: { zh: '这个号不是在本窗口办理的，请在办理该号的窗口评价', en: 'This ticket was not served at this window' },
  EVALUATION_NOT_FOUND: { zh: '找不到这条评价，请刷新列表后重试', en: 'No such rating' },
  EVALUATION_NOT_BAD: { zh: '只有差评可以申诉', en: 'Only a bad rating can be appealed' },
  APPEAL_ALREADY_MADE: { zh: '这条差评已经申诉过，请等待审核结果', en: 'This rating was already appealed' },
  APPEAL_NOT_PENDING: { zh: '没有待审核的申诉，请刷新列表后查看最新状态', en: 'No appeal waits for a decision' },
  FOLLOW_UP_NOT_FOUND: { zh: '找不到这条差评整改', en: 'No such follow-up' },
  FOLLOW_UP_CLOSED: { zh: '这条差评整改已经办结', en: 'This follow-up is closed' },
  FOLLOW_UP_STEP_ORDER: { zh: '请按顺序登记：先回访，再整改，最后确认群众是否认可', en: 'Record the return visit, then the rectification, then acceptance' },
  CASE_REVIEWS_PENDING: { zh: '尚有部门未审批完成，请等各部门审批完成后再作结论', en: 'Some departments have not decided yet' },
  CASE_DEFERRED_PENDING: { zh: '容缺材料尚未补齐，不能办结', en: 'Deferred materials still owed' },
  CASE_CLOCK_PAUSED: { zh: '办件处于特别程序（计时暂停），请先恢复计时', en: 'The clock is stopped for a special procedure' },
  CASE_CLOCK_ALREADY_PAUSED: { zh: '计时已暂停，无需再次暂停，恢复计时后可再暂停', en: 'The clock is already stopped' },
  CASE_CLOCK_NOT_PAUSED: { zh: '计时未暂停，无需恢复', en: 'The clock is running' },
  CASE_DECISION_MISSING: { zh: '请选择审批结论', en: 'A decision is needed' },
  CASE_DECISION_CONFLICT: { zh: '审批结论与各部门意见不一致，请核对各部门意见后重新作出结论', en: 'The decision conflicts with the reviews' },
  EVALUATION_REASON_REQUIRED: { zh: '“不满意”和“非常不满意”须填写原因', en: 'A bad rating needs a reason' },
  EVALUATION_LEVEL: { zh: '评价等级应为1至5', en: 'The rating is 1 to 5' },

  // appointments (预约)
  SLOT_OVERLAPS: { zh: '该时段与本区当天已有的预约时段重叠，请改选不重叠的时间', en: 'The slot overlaps another of the zone that day' },
  SLOT_NOT_FOUND: { zh: '找不到这个预约时段，请刷新后重新选择', en: 'No such appointment slot' },
  SLOT_FULL: { zh: '该时段已约满，请选择其他时段', en: 'The slot is fully booked' },
  SLOT_CLOSED: { zh: '该时段已结束，不能再预约，请改约其他时段', en: 'The slot has ended' },
  APPOINTMENT_DUPLICATE: { zh: '此人当天在该服务区已有预约，无需重复预约；如需改时间请先取消原预约', en: 'This person already has an appointment in that zone that day' },
  APPOINTMENT_NOT_FOUND: { zh: '找不到这个预约，请核对证件号码或刷新后重试', en: 'No such appointment' },
  APPOINTMENT_NOT_CANCELLABLE: { zh: '预约已签到或已过期，不能取消；如有疑问请联系值班长', en: 'The appointment can no longer be cancelled' },
  APPOINTMENT_CANCELLED: { zh: '该预约已取消，请重新取号', en: 'The appointment was cancelled' },
  APPOINTMENT_ID_MISMATCH: { zh: '身份证与预约人不符，请核对证件后重新读卡', en: 'The ID card is not the booked person’s' },
  APPOINTMENT_ALREADY_CHECKED_IN: { zh: '该预约已签到取号，无需重复签到，请按小票号码等候叫号', en: 'Already checked in' },
  CHECK_IN_TOO_EARLY: { zh: '还没到签到时间，请临近预约时段再来签到', en: 'Check-in has not opened yet' },
  CHECK_IN_TOO_LATE: { zh: '已过签到时间，本次预约作废（记为爽约），请现场取号', en: 'Check-in has closed; the appointment is missed' },

  // printer (details from the station's ESC/POS status reading)
  PRINTER_PAPER_OUT: { zh: '打印机缺纸：请装纸后点“重打”', en: 'Printer out of paper: load paper, then reprint' },
  PRINTER_PAPER_NEAR_END: { zh: '打印纸快用完了，请准备换纸', en: 'Paper nearly out' },
  PRINTER_COVER_OPEN: { zh: '打印机盖未合上：合上后点“重打”', en: 'Printer cover open: close it, then reprint' },
  PRINTER_OFFLINE: { zh: '打印机离线：请检查电源和网线', en: 'Printer offline: check power and cable' },
  PRINTER_UNREACHABLE: { zh: '连接不到打印机：请检查电源、网线和打印机地址', en: 'Printer cannot be reached' },
  PRINTER_CONNECTION_LOST: { zh: '打印中与打印机的连接中断，请检查后重打', en: 'Connection to the printer lost while printing' },
  PRINTER_STATUS_TIMEOUT: { zh: '打印机无应答，请检查打印机电源和连线后点“重打”', en: 'The printer does not answer' },
  PRINTER_STATUS_INVALID: { zh: '打印机应答异常，请关闭打印机电源再打开，然后点“重打”', en: 'Unexpected printer status' },
  PRINTER_STATUS_UNSUPPORTED: { zh: '该打印机连接方式不支持状态查询，可照常打印，打印后请看纸张是否完整', en: 'Status not supported on this connection' },
  PRINTER_ERROR: { zh: '打印机故障，请检查打印机', en: 'Printer error' },
  PRINTER_CUTTER_ERROR: { zh: '打印机切刀故障，请关机清理切刀处的纸屑，开机后点“重打”', en: 'Printer cutter error' },
  PRINTER_OVERHEATED: { zh: '打印头过热，请稍候再打', en: 'Print head overheated' },
  PRINTER_UNRECOVERABLE_ERROR: { zh: '打印机严重故障，请重启打印机', en: 'Unrecoverable printer error: restart it' },
  PRINTER_NOT_CONFIGURED: { zh: '未设置打印机：请到“设备与同步”页面设置', en: 'No printer configured' },
  PRINTER_NOT_FOUND: { zh: '找不到打印机，请在“设备与同步”页检查打印机地址', en: 'Printer not found' },
  PRINTER_TARGET_INVALID: { zh: '打印机地址格式不对（如 tcp://192.168.1.50:9100），请按示例格式重新填写', en: 'Printer address invalid (e.g. tcp://192.168.1.50:9100)' },
  PRINTER_TRANSPORT_UNSUPPORTED: { zh: '不支持这种打印机连接方式，请改用 tcp://、usb: 或串口地址', en: 'Unsupported printer connection' },
  PRINTER_WIDTH_INVALID: { zh: '纸宽只能是58或80毫米，请改为58或80', en: 'Paper width is 58 or 80 mm' },
  PRINT_JOB_NOT_FOUND: { zh: '没有找到这个打印任务，请刷新打印记录后重试', en: 'Print job not found' },

  // ID-card reader
  CARD_NOT_FOUND: { zh: '未检测到身份证：请把证件平放在读卡器上再读', en: 'No ID card found: place it flat on the reader' },
  CARD_READ_FAILED: { zh: '读卡失败：请拿起证件重新放置后再读', en: 'Reading failed: lift the card and place it again' },
  CARD_UNSUPPORTED: { zh: '不支持的证件类型，请手工输入证件号码和姓名', en: 'Unsupported card type' },
  READER_NOT_CONNECTED: { zh: '读卡器未连接：请检查USB线，或手工输入证件号码', en: 'Card reader not connected: check the cable or type the number' },
  READER_NOT_CONFIGURED: { zh: '未设置读卡器：可手工输入证件号码', en: 'No card reader configured' },
  READER_TIMEOUT: { zh: '读卡器无应答，请把证件重新放稳后按 F9 再读，或手工输入', en: 'The card reader does not answer' },
  READER_SAM_ERROR: { zh: '读卡器安全模块异常，请联系管理员', en: 'Card reader security module error' },
  READER_BUSY: { zh: '读卡器正忙，请稍候', en: 'Card reader busy' },
  READER_DISCONNECTED: { zh: '读卡器连线中断：请检查USB线后按 F9 再读，或手工输入证件号码', en: 'The card reader was disconnected: check the cable, or type the number' },
  READER_TARGET_INVALID: { zh: '读卡器地址设置有误：请在“设备与同步”页改正（如 serial:/dev/ttyUSB0），此前可手工输入', en: 'The card reader address is wrong' },
  READER_CHECKSUM: { zh: '读卡器传回的数据有误：请按 F9 再读一次', en: 'The reader sent damaged data: read again' },
  READER_BAD_RESPONSE: { zh: '读卡器应答异常：请按 F9 再读；如反复出现请重新插拔读卡器', en: 'The reader answered oddly: read again' },
  FRAME_TRUNCATED: { zh: '读卡器传回的数据不完整：请把证件放稳后按 F9 再读', en: 'The reader sent an incomplete frame: read again' },
  READER_TRUNCATED: { zh: '读卡器传回的数据不完整：请把证件放稳后按 F9 再读', en: 'The reader sent incomplete data: read again' },
  READER_LENGTH_ERROR: { zh: '读卡器应答异常：请按 F9 再读；如反复出现请重新插拔读卡器', en: 'The reader reported a length error: read again' },
  READER_COMMAND_ERROR: { zh: '读卡器不认识这条指令：请重新插拔读卡器后再读，如反复出现请联系管理员', en: 'The reader refused the command' },
  READER_NOT_PERMITTED: { zh: '读卡器拒绝了操作：请重新插拔读卡器后再读，如反复出现请联系管理员', en: 'The reader did not permit the operation' },
  READER_UNKNOWN_ERROR: { zh: '读卡器出错：请按 F9 再读，或手工输入证件号码', en: 'The reader failed: read again or type the number' },
  READER_UNKNOWN_STATUS: { zh: '读卡器应答异常：请按 F9 再读，或手工输入证件号码', en: 'The reader answered with an unknown status' },
  CARD_AUTH_FAILED: { zh: '证件认证失败：请拿起证件重新放置后再读；仍不行请核验证件真伪', en: 'Card authentication failed: place it again' },
  CARD_TYPE_UNKNOWN: { zh: '读不出证件类型：请手工输入证件号码和姓名', en: 'Unknown card type: type the number and name' },
  CARD_RANDOM_FAILED: { zh: '读卡失败：请拿起证件重新放置后再读', en: 'Reading failed: place the card again' },
  CARD_SELECT_FAILED: { zh: '读卡失败：请拿起证件重新放置后再读', en: 'Reading failed: place the card again' },
  CARD_NO_CONTENT: { zh: '证件内容为空：请重新放置后再读，或手工输入证件号码', en: 'The card holds no data: place it again or type the number' },
  CARD_TEXT_INVALID: { zh: '证件内容无法识别：请再读一次，或手工输入证件号码和姓名', en: 'The card text cannot be read: read again or type it' },
  CARD_TEXT_LENGTH: { zh: '证件内容不完整：请再读一次，或手工输入证件号码和姓名', en: 'The card text is incomplete: read again or type it' },
  CARD_TEXT_INCONSISTENT: { zh: '证件内容前后不一致：请再读一次，并核对证件', en: 'The card text is inconsistent: read again and check the card' },
  SAM_SELF_TEST_FAILED: { zh: '读卡器安全模块自检失败：请重新插拔读卡器，仍不行请联系管理员', en: 'The reader security module failed its self-test' },
  SAM_NOT_AUTHORISED: { zh: '读卡器安全模块未授权：请联系管理员，此前可手工输入证件号码', en: 'The reader security module is not authorised' },

  // sign-in and permissions
  LOGIN_FAILED: { zh: '用户名或密码不对，请核对后重新输入', en: 'Wrong user name or password' },
  STAFF_NO_TAKEN: { zh: '该工号已被其他人员使用，请换一个工号', en: 'That staff number is taken' },
  VOICE_PACK_MISSING: { zh: '大厅没有语音包，叫号屏无法播放语音；请管理员安装语音包；叫号屏照常显示文字', en: 'The hall has no voice pack' },
  PUBLIC_RATE_LIMITED: { zh: '查询过于频繁，请稍后再试', en: 'Too many requests from this address; wait a moment' },
  LOGIN_RATE_LIMITED: { zh: (d) => `尝试次数过多，请${s(d.retryAfterSeconds) ? `${s(d.retryAfterSeconds)}秒` : '稍'}后再试`, en: 'Too many attempts; wait a moment' },
  LOGIN_OFFLINE_UNKNOWN: {
    zh: '大厅服务器离线，且此人未在本机登录过，无法离线登录；请等大厅服务器恢复后再登录',
    en: 'Hall server offline and this person has never signed in on this PC',
  },
  STAFF_DISABLED: { zh: '该账号已停用，请联系管理员启用', en: 'This account is disabled' },
  NOT_SIGNED_IN: { zh: '登录已失效，请重新登录', en: 'Signed out: sign in again' },
  SESSION_EXPIRED: { zh: '登录已过期，请重新登录', en: 'Session expired: sign in again' },
  UNAUTHORIZED: { zh: '登录已失效，请重新登录', en: 'Sign in again' },
  FORBIDDEN: { zh: '没有权限进行此操作，如需办理请联系值班长或管理员', en: 'Not allowed' },
  ROLE_FORBIDDEN: { zh: '您的岗位不能进行此操作，如需办理请联系值班长或管理员', en: 'Your role may not do this' },
  SESSION_ENDED: {
    zh: (d) =>
      ({
        'taken-over': '另一位工作人员已在本窗口登录，您的登录已结束',
        'password-changed': '您的密码已修改，请用新密码重新登录',
        'account-changed': '管理员修改或停用了您的账号，请重新登录',
        revoked: '管理员已结束您的登录',
        'station-revoked': '管理员已停用这台电脑，请在已批准的电脑上登录',
        idle: '长时间未操作，登录已自动结束，请重新登录',
        'signed-out': '您已退出登录',
      })[s(d.reason)] ?? '登录已到期，请重新登录',
    en: (d) => `The session ended (${s(d.reason, 'expired')}): sign in again`,
  },
  PASSWORD_CHANGE_REQUIRED: { zh: '首次登录请先修改密码', en: 'Choose a new password first' },
  PASSWORD_TOO_SHORT: { zh: '密码至少10位，请换一个更长的密码', en: 'At least 10 characters' },
  PASSWORD_TOO_SIMPLE: { zh: '密码须包含大写字母、小写字母、数字、符号中的至少三类', en: 'Mix at least three of: upper case, lower case, digits, symbols' },
  PASSWORD_CONTAINS_USERNAME: { zh: '密码不能包含用户名，请换一个密码', en: 'The password must not contain the user name' },
  PASSWORD_TOO_COMMON: { zh: '这是常见密码，容易被猜中，请换一个', en: 'A common password; choose another' },
  PASSWORD_UNCHANGED: { zh: '新密码不能与原密码相同，请换一个新密码', en: 'The new password must differ from the old one' },
  ROLE_NOT_AT_STATION: { zh: '接口账号不能在工作站登录，请用工作人员账号登录', en: 'Integration accounts do not sign in at a station' },
  NOT_A_SESSION: { zh: '接口密钥由管理员注销，不能退出登录；无需退出', en: 'An API key is revoked by an administrator' },
  API_KEY_NOT_FOR_ROLE: { zh: '只有接口账号可以生成接口密钥', en: 'API keys are for integration accounts' },
  API_KEY_NOT_FOUND: { zh: '没有找到该接口密钥（或已注销），请刷新列表后核对', en: 'No such active API key' },
  DEPARTMENT_FORBIDDEN: { zh: '该办件不属于您所在部门，请在本部门的办件中处理', en: 'Not a case of your department' },
  STATION_FORBIDDEN: { zh: '该办件不是在本工作站受理的，请到受理该办件的工作站处理', en: 'Not a case of this station' },

  // this PC at the hall
  STATION_NOT_APPROVED: {
    zh: (d) => `本工作站等待管理员批准接入大厅${s(d.pairingCode) ? `（配对码 ${s(d.pairingCode)}）` : ''}；批准前办件暂存本机`,
    en: 'This PC waits for an administrator to approve it; cases wait here until then',
  },
  STATION_NOT_REGISTERED: { zh: '本工作站尚未在大厅登记：连接大厅后会自动登记', en: 'This PC is not registered at the hall yet' },
  STATION_UNKNOWN: { zh: '大厅不认识本工作站（可能已重装），正在重新登记', en: 'The hall does not know this PC; registering again' },
  STATION_HEADER_MISSING: { zh: '请求缺少本工作站的密钥', en: 'The request lacks this PC\'s key' },
  SEAL_BROKEN: { zh: '大厅服务器打不开加密保存的数据：数据密钥不对或数据被改动，请联系管理员', en: 'The hall cannot open sealed data: wrong data key, or the data was changed' },
  STATION_REQUIRED: { zh: '此操作只能在登记过的工作站上进行，请先在“设备与同步”页完成登记', en: 'Only from a registered station' },
  STATION_MISMATCH: { zh: '同步请求与本工作站不符', en: 'The push names another station' },
  STATION_ID_TAKEN: { zh: '大厅已有另一台电脑使用这个工作站编号：请管理员注销旧登记', en: 'Another PC holds this station id: an administrator revokes the old one' },
  STATION_NOT_FOUND: { zh: '没有这个工作站，请核对工作站编号', en: 'No such station' },
  STATION_KEY_TAKEN: { zh: '这把工作站密钥已属于另一台电脑（数据文件夹可能是复制来的）：请删除本机的工作站密钥后重新登记', en: 'This key belongs to another PC (a copied data folder?)' },
  STATION_NOT_PENDING: { zh: '该工作站不在待批准状态，无需再次批准，请刷新列表查看', en: 'That station is not waiting for approval' },
  STATION_CODE_MISMATCH: { zh: '配对码与该工作站屏幕上显示的不一致，请核对', en: 'The code does not match the one the PC shows' },

  // cases at the hall
  CASE_READ_REASON_REQUIRED: { zh: '查看他处受理的办件须填写查询事由', en: 'Say why the case is opened' },
  CASE_SOURCE_FORBIDDEN: { zh: '窗口受理的办件来源只能是“窗口”，请把工作站升级到与大厅相同的版本', en: 'A case taken in at a window has source window' },
  CASE_CLERK_MISMATCH: { zh: '办件的受理人与提交人不符，请用受理人本人的账号登录后再同步', en: 'The case names another clerk' },
  MUTATION_STAFF_MISMATCH: { zh: '本次登录期间的操作只能记在当前登录人名下，请用当时的账号登录后再同步', en: 'Work done in this session is its own clerk\'s' },
  MUTATION_STAFF_UNKNOWN: { zh: '离线时登录的工作人员从未在本工作站联网登录过，记录未被接受；请该工作人员联网登录一次后再同步', en: 'That person has never signed in at this PC' },
  MUTATION_TIME_BEFORE_CASE: { zh: '记录时间早于办件受理时间，请检查本机时钟', en: 'Dated before the case: check the PC clock' },
  MUTATION_TIME_IN_FUTURE: { zh: '记录时间晚于大厅服务器时间，请检查本机时钟', en: 'Dated in the future: check the PC clock' },

  // the online inbox (网上申办)
  APPLICATION_NOT_FOUND: { zh: '没有这件网上申请，或不属于本窗口所在服务区', en: 'No such online application in your zones' },
  MATERIAL_FILE_NOT_FOUND: { zh: '该申请没有这份材料文件', en: 'The application has no such file' },
  MATERIAL_FILE_PURGED: {
    zh: '这份材料文件已过保存期限，已按保存规定删除；如需查阅，请联系管理员调取归档',
    en: 'The file was deleted after its retention period: ask the administrator for the archive',
  },
  APPLICATION_ID_REUSED: { zh: '该网上申报编号已用于另一件内容不同的申请', en: 'That portal id was used for another application' },
  CORRECTION_ID_REUSED: { zh: '该补正编号已用于另一次内容不同的补正', en: 'That correction id was used for another correction' },
  APPLICATION_ILLEGAL_TRANSITION: {
    zh: (d) => `该申请当前为“${({ submitted: '待预审', returned: '已退回补正', accepted: '已受理', refused: '不予受理', withdrawn: '已撤回' } as Record<string, string>)[s(d.state)] ?? s(d.state)}”，不能进行此操作，请刷新`,
    en: 'The application is no longer in a state that allows this: refresh',
  },
  MATERIAL_FILE_TOO_LARGE: { zh: '材料文件过大：单个文件不超过10MB，一次申报合计不超过30MB，请压缩或分开上传', en: 'File too large (10 MiB each, 30 MiB in all)' },
  MATERIAL_FILE_TYPE_UNSUPPORTED: { zh: '材料文件只接受PDF、JPEG或PNG格式，请转换后再上传', en: 'Only PDF, JPEG or PNG files are taken' },
  MATERIAL_FILE_TYPE_MISMATCH: { zh: '材料文件的内容与其声明的格式不符，请重新导出为PDF、JPEG或PNG后上传', en: 'The file\'s bytes do not match its type' },
  MATERIAL_FILE_HASH_MISMATCH: { zh: '材料文件在传输中被改动（校验值不符），请重新上传', en: 'The file changed in transit (sha256 mismatch)' },
  MATERIAL_FILE_EMPTY: { zh: '材料文件是空的，请重新选择文件', en: 'The file is empty' },
  APPLICATION_CHANNEL_FORBIDDEN: {
    zh: '申请渠道不符：网上平台只报送“网上”申请，镇街便民服务中心窗口只报送“镇街代收”申请；大厅窗口请直接受理',
    en: 'The portal files online applications, a town centre town ones; a hall window takes cases in itself',
  },
  MATTER_NOT_DELEGATED: { zh: '该事项未下放到本便民服务中心受理，请点“转报区级审批”报送区政务服务中心', en: 'The matter is not delegated to this centre: file it to the district' },
  CASE_NUMBER_SITE_MISMATCH: { zh: '办件编号的站点代码与本便民服务中心不符，请先与大厅服务器同步事项目录后重新受理', en: 'The case number does not carry this centre\'s site code' },
  MATTER_NOT_ONLINE: { zh: '该事项不能网上申办，请到窗口现场办理', en: 'That matter is not handled online' },
  APPLICATION_ZONES_MIXED: { zh: '所选事项属于不同服务区，请按服务区分别申报', en: 'Matters of several zones: file one application per zone' },

  // malformed requests (a bug, but said plainly)
  BAD_ARGS: { zh: (d) => `输入有误${d.field ? `（${s(d.field)}）` : ''}，请检查后重试`, en: 'Invalid input' },
  BAD_REQUEST: { zh: '请求有误', en: 'Bad request' },
  BAD_JSON: { zh: '请求格式有误', en: 'Malformed request' },
  VALIDATION_FAILED: { zh: '输入有误，请检查后重试', en: 'Invalid input' },
  BODY_TOO_LARGE: { zh: '内容过长，请减少内容后重试', en: 'Too large' },
  UNKNOWN_METHOD: { zh: '工作站不支持此操作（版本不一致？），请把工作站升级到与大厅相同的版本', en: 'The station does not know this call (version mismatch?)' },
  ROUTE_NOT_FOUND: { zh: '服务器不支持此操作（版本不一致？），请把工作站升级到与大厅相同的版本', en: 'Not supported by the server (version mismatch?)' },
  INTERNAL: { zh: '工作站内部错误，请重试；如反复出现请联系管理员', en: 'Internal error; try again' },
  INTERNAL_ERROR: { zh: '内部错误，请重试；如反复出现请联系管理员', en: 'Internal error; try again' },
};

const ticketStatusNames: Record<string, string> = {
  waiting: '等候中',
  called: '已呼叫',
  serving: '办理中',
  finished: '已办结',
  'no-show': '已过号',
  cancelled: '已取消',
};
const ticketActionNames: Record<string, string> = {
  call: '叫号',
  recall: '重呼',
  start: '开始办理',
  finish: '办结',
  'no-show': '过号',
  reactivate: '恢复',
  transfer: '转移',
  reassign: '改派',
  cancel: '取消',
};
const caseStatusNames: Record<string, string> = {
  accepted: '已受理',
  'accepted-deferred': '容缺受理',
  'correction-notified': '已一次性告知',
  rejected: '不予受理',
  'in-review': '审批中',
  approved: '已批准',
  denied: '不予许可',
  ready: '待取件',
  delivered: '已出件',
};
function ticketStatusZh(v: unknown): string {
  return ticketStatusNames[s(v)] ?? s(v, '未知');
}
function ticketActionZh(v: unknown): string {
  return ticketActionNames[s(v)] ?? '进行此操作';
}
function caseStatusZh(v: unknown): string {
  return caseStatusNames[s(v)] ?? s(v, '未知');
}

function render(text: Text, details: Details): string {
  return typeof text === 'function' ? text(details) : text;
}

/** The line shown to the clerk for an error: what happened and what to do; unknown codes keep the server's words. */
export function errorText(error: Pick<ErrorBody, 'code' | 'message'> & { details?: Details | undefined }, lang: Lang = 'zh-CN'): string {
  const entry = errorMessages[error.code];
  const details = error.details ?? {};
  // A code not listed: the server's words and what to do; the code itself goes in the grey line
  // beside (ErrorAlert), never into the sentence.
  if (!entry) {
    const said = error.message || (lang === 'en' ? 'Something went wrong' : '操作没有完成');
    return lang === 'en' ? `${said}. Try again; if it keeps happening, call the administrator` : `${said}，请重试；如反复出现请联系管理员`;
  }
  try {
    return render(lang === 'en' ? entry.en : entry.zh, details);
  } catch {
    return lang === 'en' ? `${error.message}. Try again` : `${error.message}，请重试；如反复出现请联系管理员`;
  }
}

/** Known codes (for tests and for the devices page's legend). */
export function isKnownError(code: string): boolean {
  return Object.hasOwn(errorMessages, code);
}

// The F1 help of each screen (`components/HelpDrawer.vue`), keyed by the route's name (`router.ts`): what
// the screen is for, the usual steps, what its colours and marks mean, and the fields of legal meaning
// whose short help (`help/fields.ts`) it carries. A district bureau (区司法局模式) sees other help where
// its screen differs. Written for a clerk, not an engineer: plain Chinese, no codes.
import type { FieldHelpKey } from './fields'

export interface HelpMark {
  /** The colour or mark as the screen shows it. */
  mark: string
  meaning: string
}

export interface ScreenHelp {
  /** The screen's name as its menu item or title says it. */
  title: string
  /** What the screen is for, in one or two sentences. */
  purpose: string
  /** The usual steps, in order. */
  steps: readonly string[]
  marks?: readonly HelpMark[]
  /** Fields with a question mark beside their label: their help is listed again. */
  fields?: readonly FieldHelpKey[]
}

/** The colours of deadlines, shared by the lists, the forms and 工作台. */
const DEADLINE_MARKS: readonly HelpMark[] = [
  { mark: '红色', meaning: '已超期（已逾期），请尽快办理' },
  { mark: '橙色', meaning: '即将到期' },
  { mark: '灰色', meaning: '尚未到期，或期限暂停计算（如补充材料期间）' },
]

const RECORD_FORM_STEPS: readonly string[] = [
  '带红色星号的是必填项；日期可以直接输入，如 2026-11-20，也可以点击日期框选择。',
  '填写完成后点击“保存”，或按 Ctrl+S。保存不成功时，出错的栏目下方会用红字说明原因。',
  '离开未保存的页面时，系统会先询问，不会悄悄丢掉已填写的内容。',
]

export const SCREEN_HELP = {
  setup: {
    title: '首次设置',
    purpose: '第一次使用时，填写本单位信息并建立第一个管理员账号。设置完成后才能登录使用。',
    steps: [
      '选择模式：乡镇（街道）司法所选“司法所”，区县司法局选“区司法局”。',
      '填写单位名称、简称（用于案件编号，如“石”→（2026）石调字第1号）、单位代码和所属区县。',
      '设置管理员的用户名、姓名和密码（至少8位，须同时包含字母和数字），请牢记密码。',
      '点击完成后，用刚设置的账号登录。',
    ],
  },
  login: {
    title: '登录',
    purpose: '输入自己的用户名和密码登录，之后的每一次修改都会记在本人名下。',
    steps: [
      '输入用户名和密码，按 Enter 或点击“登录”。',
      '连续输错5次密码，账号会锁定10分钟；管理员可以在“账号管理”中提前解除锁定。',
      '忘记密码的，请管理员在“账号管理”中重置；重置后第一次登录须修改密码。',
    ],
  },
  dashboard: {
    title: '工作台',
    purpose: '打开软件后首先看到的页面：人民调解、法律援助和社区矫正的主要数字，今天要办的矫正任务，以及快到期和已超期的事项。',
    steps: [
      '先看“社区矫正 今日任务”：已逾期、今日应办、外出中和即将期满的对象；点击“登记”可直接登记报到、报告等事项。',
      '再看“待办与到期提醒”：点击一行打开该案件或申请。',
      '带链接的数字（如“已超期”）可以点击，打开相应的筛选列表。',
      '点击“刷新”重新计算。',
    ],
    marks: [
      ...DEADLINE_MARKS,
      { mark: '提示（橙色文字）', meaning: '系统根据逾期情况给出的处理建议，如考虑训诫、警告，须经核实后由工作人员决定' },
    ],
  },
  mediation: {
    title: '人民调解',
    purpose: '人民调解案件台账：查找、筛选和打开调解案件，登记新案件。',
    steps: [
      '点击“新建调解案件”登记新受理的纠纷。',
      '在搜索框中输入姓名、身份证号、电话或案情中的词（每个词至少两个字），按 Enter 搜索；也可以按状态、纠纷类型、受理日期和调解员筛选。',
      '勾选“仅看超期”只显示已超过调解期限的案件。',
      '点击一行打开案件，可以修改或删除（删除前会再次确认）。',
    ],
    marks: [
      { mark: '“期限”一栏红字', meaning: '该案件已超期' },
      { mark: '状态标签', meaning: '蓝色为已登记、已受理，橙色为调解中，绿色为调解成功，红色为不成功或不予受理，灰色为其他' },
    ],
  },
  'mediation-case': {
    title: '调解案件',
    purpose: '一件人民调解案件的全部信息：基本情况、当事人、调解记录、调解结果、防止激化和回访记录。',
    steps: [
      '先填基本情况和当事人（至少两方）；填写身份证号后，出生日期和性别自动填写。',
      '每次调解后点击“添加调解记录”；调解结束后选择状态，填写调解结果。',
      '协议履行后点击“添加回访记录”，记录履行情况和满意度。',
      ...RECORD_FORM_STEPS,
    ],
    marks: [
      { mark: '页面上方的提示条', meaning: '调解期限、司法确认申请期限和回访的到期日：红色已超期，橙色即将到期，灰色尚未到期' },
      { mark: '问号图标', meaning: '把鼠标移到问号上，可以看到该栏目的法律依据和期限' },
    ],
    fields: [
      'mediation.acceptedOn',
      'mediation.rightsNoticeOn',
      'mediation.agreementOn',
      'mediation.performBy',
      'mediation.judicialOn',
    ],
  },
  'legal-aid-consultations': {
    title: '咨询登记',
    purpose: '快速登记每天的法律咨询，下方是咨询台账，可以查找、修改和删除。',
    steps: [
      '在“快速登记”中填写咨询日期、咨询方式、服务类型、事项类别、咨询内容和答复摘要。',
      '点击“保存并继续登记”，或按 Ctrl+S、Ctrl+Enter；保存后表格清空，可以接着登记下一条。',
      '在咨询台账中点击一行或“编辑”修改登记，点击“删除”删除（删除前会再次确认）。',
      '已引导咨询人申请法律援助的，勾选“引导申请法律援助”；收到申请后到“援助申请”中登记。',
    ],
  },
  'legal-aid-applications': {
    title: '援助申请',
    purpose: '法律援助申请台账：查找、筛选和打开申请，登记新申请。',
    steps: [
      '点击“登记申请”登记新接收的申请。',
      '按状态、日期等筛选，或输入姓名、身份证号等搜索；勾选“只看超期”只显示有超期时限的申请。',
      '点击一行打开申请，按办理进度修改状态和日期。',
    ],
    marks: [
      ...DEADLINE_MARKS,
      { mark: '状态标签', meaning: '蓝色为正在办理，橙色为等待下一步（补充材料中、待指派、异议中等），绿色为结案，红色为不予或终止，灰色为视为撤回、异议维持、立卷归档或回访评估' },
    ],
  },
  'legal-aid-application': {
    title: '法律援助申请',
    purpose: '一件法律援助申请从接收、审查决定、指派、结案到立卷回访的全部信息，以及按节假日计算的法定时限。',
    steps: [
      '先填受理信息、申请人、案件情况和经济状况；保存后自动生成申请编号。',
      '办理有进展时，先把“状态”改为新的状态，再填写随之出现的栏目（如补充材料、审查决定、指派承办）。',
      '材料不齐的，填写“通知补充日期”和需补充的材料；补充期间审查期限暂停计算。',
      ...RECORD_FORM_STEPS,
    ],
    marks: [
      { mark: '“法定时限”中的红色', meaning: '已超期，或超期完成' },
      { mark: '橙色', meaning: '即将到期' },
      { mark: '绿色', meaning: '按时完成' },
      { mark: '灰色', meaning: '尚未到期，或已暂停（补充材料期间）' },
      { mark: '问号图标', meaning: '把鼠标移到问号上，可以看到该日期起算的期限和法律依据' },
    ],
    fields: [
      'legalAid.receivedOn',
      'legalAid.forwardedOn',
      'legalAid.acceptedOn',
      'legalAid.notifiedOn',
      'legalAid.meansBasis',
      'legalAid.suppNoticeOn',
      'legalAid.decision',
      'legalAid.decisionOn',
      'legalAid.provisional',
      'legalAid.objectionOn',
      'legalAid.assignedOn',
      'legalAid.fileSubmittedOn',
    ],
  },
  correction: {
    title: '矫正对象',
    purpose: '社区矫正对象名册：查找、筛选和打开矫正对象，登记新接收的对象。',
    steps: [
      '点击“登记矫正对象”登记新接收的对象。',
      '状态默认显示“未解除”的对象；可以改为全部或某一状态，也可以按矫正类别筛选。',
      '勾选“只看逾期”只显示有逾期事项的对象，逾期最久的在前。',
      '点击一行打开对象，查看监管提醒、登记报到、报告、走访等事项。',
    ],
    marks: [
      ...DEADLINE_MARKS,
      { mark: '“未成年”标记', meaning: '矫正时未满18周岁，姓名和身份证号在列表中部分隐藏，信息须保密' },
    ],
  },
  'correction-subject': {
    title: '矫正对象',
    purpose: '一名社区矫正对象的基本信息、判决和矫正情况，系统计算的监管提醒，以及报到、报告、走访、谈话、教育、请假、奖惩和考核等事项记录。',
    steps: [
      '登记对象：填写基本信息和判决信息，保存。',
      '每办一件事，在“事项记录”中点击“登记事项”，选择事项类别后填写，如报到、定期报告、实地查访。',
      '“监管提醒”列出到期和逾期的事项；其中的提示只是建议，须核实后由工作人员决定是否提请。',
      ...RECORD_FORM_STEPS,
    ],
    marks: [
      { mark: '红色', meaning: '已逾期' },
      { mark: '橙色', meaning: '即将到期' },
      { mark: '“未成年人 信息保密”', meaning: '矫正时未满18周岁，其身份和档案须保密' },
      { mark: '问号图标', meaning: '把鼠标移到问号上，可以看到该栏目的法律依据和期限' },
    ],
    fields: [
      'correction.effectiveOn',
      'correction.reportedOn',
      'correction.announcedOn',
      'correction.corrEnd',
      'correction.supervisionLevel',
    ],
  },
  'supervision-levels': {
    title: '监管等级',
    purpose: '严管、普管、宽管三个管理等级每月应有的报告、谈话次数，教育学习和公益活动时数，以及实地查访的间隔。系统按这里的数字计算每名对象的监管提醒。',
    steps: [
      '按本省规定修改某一等级的数字，然后点击该行的“保存”。',
      '修改后，所有对象的监管提醒立即按新标准计算。',
      '只有所长和区局管理员可以修改，其他人只能查看。',
    ],
    marks: [{ mark: '“未保存”', meaning: '该行已修改但还没有保存' }],
  },
  batch: {
    title: '月度报送',
    purpose: '生成每月报送区司法局的 Excel 文件（含封面、台账和统计表，并带校验码，防止被改动），保存到 U 盘等位置。',
    steps: [
      '选择报送月份（默认上个月）和报送类型：完整台账、脱敏台账或统计汇总。',
      '核对“报送内容”和本月统计。',
      '插入 U 盘，点击“选择文件夹…”选好位置，再点击“生成报送文件”。',
      '生成后记下文件名和保存位置，把文件交区司法局。“报送记录”列出以往生成的报送文件。',
    ],
    marks: [{ mark: '“保密”标签', meaning: '该工作表含个人敏感信息，请妥善保管 U 盘，报送后及时删除' }],
  },
  'district-import': {
    title: '导入报送',
    purpose: '把各司法所报送的文件导入本局。导入前先预览，核对无误后再确认，重复导入不会重复计数。',
    steps: [
      '点击“选择文件…”或“选择文件夹…”，也可以输入路径后按 Enter 添加。',
      '点击“预览”：系统只读取和核对文件，不写入任何数据。',
      '查看每个文件是接收还是退回（退回会说明原因），以及每类记录的新增、更新、未变、冲突和疑似重复条数。',
      '核对无误后点击“确认导入”；只有退回的文件时，点击“登记退回”记入报送情况。',
    ],
    marks: [
      { mark: '绿色', meaning: '接收，或新增的记录' },
      { mark: '蓝色', meaning: '更新的记录' },
      { mark: '红色', meaning: '退回的文件，或有冲突的记录' },
      { mark: '橙色', meaning: '疑似重复的记录' },
      { mark: '灰色', meaning: '已导入过，或未变的记录' },
    ],
  },
  'district-submissions': {
    title: '报送情况',
    purpose: '全年每个司法所每月是否按时报送，以及缺少的报送次序和收到的文件。',
    steps: [
      '选择年份，查看各所各月的报送情况。',
      '把鼠标移到某一格上，可以看到说明。',
      '下方列出收到的文件，以及名册外或无法识别的文件。',
    ],
    marks: [
      { mark: '已报（绿色）', meaning: '按时报送' },
      { mark: '逾期（橙色）', meaning: '截止日后才报送' },
      { mark: '重报（蓝色）', meaning: '同月收到多份' },
      { mark: '退回（深红色）', meaning: '只收到被退回的文件' },
      { mark: '缺报（红色）', meaning: '截止日已过仍未收到' },
      { mark: '未到期（灰色）', meaning: '尚未到报送截止日' },
      { mark: '未启用（白色）', meaning: '该所首次报送之前的月份' },
    ],
  },
  'district-statistics': {
    title: '区级统计',
    purpose: '全区某月、某季度或全年的统计，即各司法所数字之和；可以分所对比、查看各所明细，并导出区级汇总表。',
    steps: [
      '选择按月、季度或年，再选择具体期间。',
      '在“全区合计”“分所对比”“各所明细”之间切换查看。',
      '按月查看时，“核对”列出统计表与台账不一致的司法所（季度和年度不做核对）。',
      '选择文件夹后点击“导出区级汇总”。',
    ],
  },
  'district-duplicates': {
    title: '疑似重复',
    purpose: '两条记录身份证号相同、同一申请人同日申请，或当事人和受理日期相同时列在这里，通常来自两个司法所。两条记录都已导入，须由人工判断。',
    steps: [
      '核实两条记录的内容。',
      '点击“是同一人/同一事项”或“不是重复”；判断结果记入操作日志。',
    ],
  },
  'district-offices': {
    title: '司法所名册',
    purpose: '本局接收报送的司法所名单。不在名册中的司法所报送的文件会被退回。',
    steps: [
      '填写单位代码（9位乡镇代码）、名称和简称，点击“登记”。',
      '点击“修改”可以更正名称和简称；单位代码不能修改。',
    ],
  },
  holidays: {
    title: '节假日设置',
    purpose: '本单位的节假日和调休上班日，用于计算法定期限：期限最后一日遇周末或节假日，顺延至其后第一个工作日。',
    steps: [
      '按国务院办公厅每年公布的放假安排，录入放假日期（选“节假日”）和调休上班的周末（选“调休上班”）。',
      '点击“添加”；录错的可以点击“删除”。',
      '只有所长可以修改。修改后，法律援助和社区矫正的期限按新的日历计算。',
    ],
    marks: [
      { mark: '绿色', meaning: '节假日' },
      { mark: '橙色', meaning: '调休上班' },
    ],
  },
  users: {
    title: '账号管理',
    purpose: '本单位的登录账号：新建账号，修改姓名、角色和是否可以登录，为忘记密码的人重置密码，解除连续输错密码造成的锁定。',
    steps: [
      '点击“新建账号”，填写用户名、姓名、角色和初始密码；对方第一次登录时须修改密码。',
      '点击“编辑”修改姓名、角色或停用账号；停用后不能登录，其记录和操作日志保留。',
      '点击“重置密码”为忘记密码的人设置新密码；账号因输错密码被锁定的，点击“解除锁定”。',
    ],
  },
  audit: {
    title: '操作日志',
    purpose: '每一次登录、修改、导出、备份和恢复都记在这里，并逐条链接校验，防止被删改。',
    steps: [
      '按操作人、操作类别、对象、编号和日期筛选。',
      '点击一条前面的展开符号或“查看”，查看修改前后的内容。',
      '选择文件夹后可以把符合条件的日志导出为 Excel 文件。',
    ],
    marks: [
      { mark: '绿色提示', meaning: '日志链完整，未发现改动' },
      { mark: '红色提示', meaning: '日志中的记录可能被人改动或删除：请保存好当前数据库和备份，并报告区司法局信息管理员' },
    ],
  },
  backup: {
    title: '数据备份',
    purpose: '软件每天第一次启动时自动备份，保存在数据文件旁的备份文件夹中。这里可以立即备份、备份到 U 盘，或从备份恢复。',
    steps: [
      '建议定期插入 U 盘，点击“备份到 U 盘”，并妥善保管 U 盘。',
      '需要恢复时，在列表中选择一份备份点击“恢复”，或从其他备份文件恢复；恢复前当前数据会先另存一份。',
      '恢复后所有人都要重新登录。',
    ],
  },
  settings: {
    title: '系统设置',
    purpose: '无人操作多久后自动锁屏，以及每个备份文件夹保留多少份备份。',
    steps: ['修改数字后点击“保存”。', '自动锁屏可设1至120分钟；保留备份可设3至100份。'],
  },
  about: {
    title: '关于',
    purpose: '本软件的名称、版本、本单位信息、数据保存位置、功能简介和快捷键。',
    steps: ['向区司法局反映问题时，请说明这里显示的版本号。'],
  },
} as const satisfies Record<string, ScreenHelp>

export type ScreenName = keyof typeof SCREEN_HELP

/** Where a district bureau's screen differs from an office's. */
export const DISTRICT_SCREEN_HELP: Partial<Record<ScreenName, ScreenHelp>> = {
  dashboard: {
    title: '工作台',
    purpose: '本局的概况：司法所名册、上月报送情况、等待人工处理的事项（疑似重复、待归入的矫正事件），以及四张图表，每张图下方的表格列出同样的数字。',
    steps: [
      '先看上月报送情况，缺报的司法所请督促报送。',
      '有疑似重复时，到“疑似重复”中逐对判断。',
      '点击“刷新”重新读取。',
    ],
  },
  mediation: {
    title: '人民调解',
    purpose: '各司法所报送的人民调解案件。记录只能通过导入报送进入本局，这里不能新建。',
    steps: ['搜索或筛选后，点击一行查看案件。'],
  },
  'legal-aid-applications': {
    title: '援助申请',
    purpose: '各司法所报送的法律援助申请。记录只能通过导入报送进入本局，这里不能新建。',
    steps: ['搜索或筛选后，点击一行查看申请。'],
    marks: DEADLINE_MARKS,
  },
  'legal-aid-consultations': {
    title: '咨询登记',
    purpose: '各司法所报送的咨询登记。记录只能通过导入报送进入本局，这里不能新建。',
    steps: ['按日期、方式等筛选查看。'],
  },
  correction: {
    title: '矫正对象',
    purpose: '各司法所报送的社区矫正对象。记录只能通过导入报送进入本局，这里不能新建。',
    steps: ['搜索或筛选后，点击一行查看对象。'],
    marks: DEADLINE_MARKS,
  },
}

/** Help for a screen that has none of its own (a route without a name). */
export const GENERAL_HELP: ScreenHelp = {
  title: '司法所工作台',
  purpose: '左侧菜单打开各项工作：人民调解、法律援助、社区矫正、月度报送等。',
  steps: ['在任何页面按 F1，或点击右上角的“帮助 (F1)”，查看该页面的说明。'],
}

export function isScreenName(name: unknown): name is ScreenName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(SCREEN_HELP, name)
}

/** The help of the screen named `name` (a route's name), as an office or a district bureau sees it. */
export function screenHelp(name: unknown, district: boolean): ScreenHelp {
  if (!isScreenName(name)) return GENERAL_HELP
  return (district ? DISTRICT_SCREEN_HELP[name] : undefined) ?? SCREEN_HELP[name]
}

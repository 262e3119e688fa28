// Short help on the fields whose meaning is legal: shown as a small question mark beside the label
// (`components/FormField.vue`'s `tip`, drawn by `components/FieldHelp.vue`) and listed again in the F1
// help of the screen (`help/screens.ts`). One or two plain sentences each, citing the law briefly; only
// what /work/shared/DOMAIN.md and the time limits the core counts by (assets/time_limits.json) support.

export interface FieldHelpEntry {
  /** The field's label as the form shows it. */
  label: string
  /** One or two sentences, with the law they rest on. */
  text: string
}

export const FIELD_HELP = {
  // --- 法律援助申请 ---------------------------------------------------------------------------------
  'legalAid.receivedOn': {
    label: '接收日期',
    text: '本所收到申请的日期。申请人被羁押的，应自接收起24小时内把申请转交法律援助机构（《法律援助法》第三十九条）。',
  },
  'legalAid.forwardedOn': {
    label: '转交日期',
    text: '把申请转交有权受理的法律援助机构（受理机构）的日期。被羁押人员的申请应在24小时内转交（《法律援助法》第三十九条），系统按此提示。',
  },
  'legalAid.acceptedOn': {
    label: '受理日期',
    text: '受理机构受理申请的日期，7日审查决定期限从这一天起算。通知补充材料期间不计入这7日（《法律援助法》第四十三条）。',
  },
  'legalAid.notifiedOn': {
    label: '收到通知日期',
    text: '收到办案机关通知辩护（代理）的日期，应自这一天起3日内指派承办人员（《法律援助法》第三十六条）。通知案件不审查经济状况。',
  },
  'legalAid.meansBasis': {
    label: '经济状况依据',
    text: '一般由申请人作个人诚信承诺（《法律援助法》第四十一条）。第四十二条所列人员免予核查，第三十二条所列情形不受经济困难条件限制。',
  },
  'legalAid.suppNoticeOn': {
    label: '通知补充日期',
    text: '材料不齐全的，应一次性告知需要补充的全部材料；补充期间审查期限暂停，逾期未补充的视为撤回申请（《法律援助法》第四十三条）。',
  },
  'legalAid.decision': {
    label: '审查决定',
    text: '给予、不予或先行提供法律援助；决定不予的，应书面告知并说明理由（《法律援助法》第四十三条）。',
  },
  'legalAid.decisionOn': {
    label: '决定日期',
    text: '应自受理之日起7日内作出决定，补充材料期间不计入（《法律援助法》第四十三条）。决定给予或先行提供的，从这一天起3日内指派。',
  },
  'legalAid.provisional': {
    label: '先行提供',
    text: '距法定时效或期限届满不足7日，或需要立即申请财产保全、先予执行等紧急情形，可以先行提供法律援助，再补办审查手续（《法律援助法》第四十四条）。',
  },
  'legalAid.objectionOn': {
    label: '提出异议日期',
    text: '申请人对不予或终止法律援助有异议的，司法行政部门应自收到异议之日起5日内作出维持或责令改正的决定（《法律援助法》第四十九条）。',
  },
  'legalAid.assignedOn': {
    label: '指派日期',
    text: '应自决定给予、先行提供或收到通知之日起3日内指派律师等人员承办（《法律援助法》第三十六条、第四十三条）。',
  },
  'legalAid.fileSubmittedOn': {
    label: '立卷提交日期',
    text: '承办人员应自结案或终止之日起30日内提交结案材料，立卷归档（《办理法律援助案件程序规定》）。',
  },

  // --- 人民调解 ------------------------------------------------------------------------------------
  'mediation.acceptedOn': {
    label: '受理日期',
    text: '调解期限从受理之日起算，一般应在一个月（30日）内调结（《人民调解工作若干规定》第三十三条）。到期前5日起提示即将到期，超过30日未结显示超期。',
  },
  'mediation.rightsNoticeOn': {
    label: '权利义务告知日期',
    text: '调解前应告知当事人享有的权利和承担的义务，如选择调解员、拒绝或终止调解等（《人民调解法》第二十三条，《人民调解工作若干规定》第三十条）。',
  },
  'mediation.agreementOn': {
    label: '协议生效日期',
    text: '书面协议经当事人和调解员签名、调委会盖章后生效，口头协议自达成之日生效（《人民调解法》第二十九条、第三十条）。司法确认申请期限从这一天起算。',
  },
  'mediation.performBy': {
    label: '履行期限',
    text: '调委会应督促当事人履行协议（《人民调解法》第三十一条）。系统在履行期限届满时提示回访；即时履行的，在协议生效后30日提示。',
  },
  'mediation.judicialOn': {
    label: '司法确认申请日期',
    text: '双方当事人可以自调解协议生效之日起30日内，共同向人民法院申请司法确认（《人民调解法》第三十三条）。',
  },

  // --- 社区矫正 ------------------------------------------------------------------------------------
  'correction.effectiveOn': {
    label: '判决生效日期',
    text: '管制、缓刑、假释的对象应自判决、裁定生效之日起10日内到执行地报到；暂予监外执行的，应在10日内交付接收（《社区矫正法》第二十一条）。',
  },
  'correction.reportedOn': {
    label: '报到日期',
    text: '对象实际报到的日期；超过判决生效之日起10日的为逾期报到（《社区矫正法》第二十一条）。逾期10日以内可考虑训诫，超过10日可考虑警告（《社区矫正法实施办法》第三十四条、第三十五条）。',
  },
  'correction.announcedOn': {
    label: '宣告日期',
    text: '接收对象后应核对法律文书和身份，登记建档，并向其宣告矫正事项（《社区矫正法》第二十二条）。',
  },
  'correction.corrEnd': {
    label: '矫正期满日',
    text: '矫正期限含起止两日。期满时办理解除并出具解除社区矫正证明书（《社区矫正法》第四十四条），系统在期满前30日开始提示。',
  },
  'correction.supervisionLevel': {
    label: '管理等级',
    text: '对象实行分类管理（《社区矫正法》第二十四条）。严管、普管、宽管的报告、谈话、走访和教育频次按本省规定在“监管等级”中设置，系统按所选等级计算监管提醒。',
  },
} as const satisfies Record<string, FieldHelpEntry>

export type FieldHelpKey = keyof typeof FIELD_HELP

export const FIELD_HELP_KEYS = Object.keys(FIELD_HELP) as FieldHelpKey[]

import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { FIELD_HELP, FIELD_HELP_KEYS, type FieldHelpKey } from './fields'

const views = resolve(dirname(fileURLToPath(import.meta.url)), '../views')
const source = (file: string) => readFileSync(resolve(views, file), 'utf8')

/** Where each help text must stand beside its label: the view and the keys it uses. */
const USED_IN: Record<string, readonly FieldHelpKey[]> = {
  'LegalAidFormView.vue': [
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
  'CaseFormView.vue': [
    'mediation.acceptedOn',
    'mediation.rightsNoticeOn',
    'mediation.agreementOn',
    'mediation.performBy',
    'mediation.judicialOn',
  ],
  'CorrectionSubjectView.vue': [
    'correction.effectiveOn',
    'correction.reportedOn',
    'correction.announcedOn',
    'correction.corrEnd',
    'correction.supervisionLevel',
  ],
}

describe('field help texts', () => {
  it('are plain Chinese of one or two sentences, each citing the law it rests on', () => {
    for (const key of FIELD_HELP_KEYS) {
      const { label, text } = FIELD_HELP[key]
      expect(label, key).toMatch(/^[\u4e00-\u9fff（）]+$/)
      // no English words, no codes
      expect(text, key).not.toMatch(/[A-Za-z]/)
      expect(text.endsWith('。'), key).toBe(true)
      expect(text.split('。').length - 1, key).toBeLessThanOrEqual(2)
      expect(text, key).toMatch(/《[^》]+》/)
      expect(text.length, key).toBeLessThanOrEqual(100)
    }
  })

  it('cover the fields whose legal clock matters, with the periods of the law', () => {
    expect(FIELD_HELP['legalAid.forwardedOn'].text).toContain('24小时')
    expect(FIELD_HELP['legalAid.forwardedOn'].text).toContain('《法律援助法》第三十九条')
    expect(FIELD_HELP['legalAid.provisional'].text).toContain('《法律援助法》第四十四条')
    expect(FIELD_HELP['legalAid.acceptedOn'].text).toContain('7日')
    expect(FIELD_HELP['legalAid.decisionOn'].text).toContain('3日内指派')
    expect(FIELD_HELP['legalAid.assignedOn'].text).toContain('3日内')
    expect(FIELD_HELP['legalAid.notifiedOn'].text).toContain('《法律援助法》第三十六条')
    expect(FIELD_HELP['mediation.acceptedOn'].text).toContain('30日')
    expect(FIELD_HELP['mediation.judicialOn'].text).toContain('《人民调解法》第三十三条')
    expect(FIELD_HELP['correction.effectiveOn'].text).toContain('10日内')
    expect(FIELD_HELP['correction.reportedOn'].text).toContain('《社区矫正法》第二十一条')
    expect(FIELD_HELP['correction.supervisionLevel'].text).toContain('监管等级')
  })

  it('are each shown beside a label, and every one of them somewhere', () => {
    const used = new Set<FieldHelpKey>()
    for (const [file, keys] of Object.entries(USED_IN)) {
      const text = source(file)
      for (const key of keys) {
        expect(text.includes(`'${key}'`) || text.includes(`tip="${key}"`), `${key} in ${file}`).toBe(true)
        used.add(key)
      }
    }
    expect([...used].sort()).toEqual([...FIELD_HELP_KEYS].sort())
  })
})

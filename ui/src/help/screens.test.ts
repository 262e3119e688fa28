import { describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import { DISTRICT_SCREEN_HELP, GENERAL_HELP, SCREEN_HELP, screenHelp, type ScreenHelp } from './screens'
import { FIELD_HELP } from './fields'
import { routes } from '../router'

/** The names of every route a user can reach (nested ones included). */
function routeNames(list: readonly RouteRecordRaw[]): string[] {
  return list.flatMap((r) => [...(typeof r.name === 'string' ? [r.name] : []), ...routeNames(r.children ?? [])])
}

/** Latin letters that may stand in a Chinese help text: the names of keys and of Excel, U 盘. */
const ALLOWED_LATIN = /Ctrl|Enter|Esc|F1|Excel|U 盘|S(?=、|，|。|）)/g

function texts(h: ScreenHelp): string[] {
  return [h.title, h.purpose, ...h.steps, ...(h.marks ?? []).flatMap((m) => [m.mark, m.meaning])]
}

describe('screen help', () => {
  it('is written for every route a user can reach, and for no other', () => {
    const names = routeNames(routes)
    expect(names).toContain('about')
    expect(names.length).toBeGreaterThan(20)
    expect(Object.keys(SCREEN_HELP).sort()).toEqual([...names].sort())
  })

  it('says what each screen is for and how it is used, in plain Chinese', () => {
    const all = [...Object.entries(SCREEN_HELP), ...Object.entries(DISTRICT_SCREEN_HELP)] as [string, ScreenHelp][]
    for (const [name, h] of all) {
      expect(h.title, name).not.toBe('')
      expect(h.purpose.length, name).toBeGreaterThan(10)
      expect(h.steps.length, name).toBeGreaterThan(0)
      for (const t of texts(h)) {
        expect(t.replace(ALLOWED_LATIN, ''), `${name}: ${t}`).not.toMatch(/[A-Za-z]/)
      }
    }
  })

  it('lists the legal help of the form screens', () => {
    expect(SCREEN_HELP['legal-aid-application'].fields).toContain('legalAid.forwardedOn')
    expect(SCREEN_HELP['legal-aid-application'].fields).toContain('legalAid.provisional')
    expect(SCREEN_HELP['mediation-case'].fields).toContain('mediation.acceptedOn')
    expect(SCREEN_HELP['correction-subject'].fields).toContain('correction.reportedOn')
    for (const h of Object.values(SCREEN_HELP) as ScreenHelp[]) {
      for (const k of h.fields ?? []) expect(FIELD_HELP[k], k).toBeDefined()
    }
  })

  it('explains the colours where a screen uses them', () => {
    const marks = (h: ScreenHelp) => (h.marks ?? []).map((m) => m.mark).join(' ')
    expect(marks(SCREEN_HELP.dashboard)).toContain('红色')
    expect(marks(SCREEN_HELP['legal-aid-application'])).toContain('绿色')
    expect(marks(SCREEN_HELP['district-submissions'])).toContain('缺报')
  })

  it('is the district bureau’s own where its screen differs, and the office’s otherwise', () => {
    expect(screenHelp('dashboard', false)).toBe(SCREEN_HELP.dashboard)
    expect(screenHelp('dashboard', true)).toBe(DISTRICT_SCREEN_HELP.dashboard)
    expect(screenHelp('dashboard', true).purpose).toContain('报送情况')
    expect(screenHelp('mediation', true).purpose).toContain('不能新建')
    expect(screenHelp('batch', true)).toBe(SCREEN_HELP.batch)
  })

  it('falls back on general help for a screen without a name', () => {
    expect(screenHelp(undefined, false)).toBe(GENERAL_HELP)
    expect(screenHelp('no-such-screen', false)).toBe(GENERAL_HELP)
    expect(screenHelp('toString', false)).toBe(GENERAL_HELP)
  })
})

import { afterEach, describe, expect, it } from 'vitest'
import { guardTarget, routes } from './router'
import { resetSession, session } from './store/session'
import { HEAD, readyStatus } from './test/session'

afterEach(resetSession)

describe('routes', () => {
  it('has the legal-aid screens behind the login, the form on one record for new and saved', () => {
    const main = routes.find((r) => r.path === '/')!
    const byName = (name: string) => main.children!.find((r) => r.name === name)!
    expect(byName('legal-aid-consultations').path).toBe('legal-aid/consultations')
    expect(byName('legal-aid-applications').path).toBe('legal-aid/applications')
    expect(byName('legal-aid-application').path).toBe('legal-aid/applications/:id')
    for (const n of ['legal-aid-consultations', 'legal-aid-applications', 'legal-aid-application']) {
      expect(byName(n).meta?.requiresAuth, n).toBe(true)
    }
  })

  it('has the correction screens behind the login, lazily loaded, new and saved subjects on one record', () => {
    const main = routes.find((r) => r.path === '/')!
    const byName = (name: string) => main.children!.find((r) => r.name === name)!
    expect(byName('correction').path).toBe('correction')
    expect(byName('correction-subject').path).toBe('correction/:id')
    expect(byName('supervision-levels').path).toBe('settings/supervision-levels')
    for (const n of ['correction', 'correction-subject', 'supervision-levels']) {
      expect(byName(n).meta?.requiresAuth, n).toBe(true)
      // a function that imports the screen when first opened, not the component itself
      expect(typeof byName(n).component, n).toBe('function')
    }
  })

  it('has 月度报送 behind the login, lazily loaded', () => {
    const main = routes.find((r) => r.path === '/')!
    const batch = main.children!.find((r) => r.name === 'batch')!
    expect(batch.path).toBe('batch')
    expect(batch.meta?.requiresAuth).toBe(true)
    expect(typeof batch.component).toBe('function')
  })

  it('has 关于 behind the login, lazily loaded', () => {
    const main = routes.find((r) => r.path === '/')!
    const about = main.children!.find((r) => r.name === 'about')!
    expect(about.path).toBe('about')
    expect(about.meta?.requiresAuth).toBe(true)
    expect(typeof about.component).toBe('function')
  })
})

describe('系统管理 routes', () => {
  it('has 账号管理, 操作日志, 数据备份 and 系统设置 behind the login, lazily loaded', () => {
    const main = routes.find((r) => r.path === '/')!
    const byName = (name: string) => main.children!.find((r) => r.name === name)!
    const expected: [string, string][] = [
      ['users', 'settings/users'],
      ['audit', 'settings/audit'],
      ['backup', 'settings/backup'],
      ['settings', 'settings/system'],
    ]
    for (const [name, path] of expected) {
      expect(byName(name).path, name).toBe(path)
      expect(byName(name).meta?.requiresAuth, name).toBe(true)
      expect(typeof byName(name).component, name).toBe('function')
    }
  })

  it('keeps a user who is not logged in out of them', () => {
    session.status = readyStatus()
    for (const p of ['/settings/users', '/settings/audit', '/settings/backup', '/settings/system']) {
      expect(guardTarget(p, true), p).toBe('/login')
    }
  })
})

describe('district routes', () => {
  it('has the district screens behind the login, lazily loaded', () => {
    const main = routes.find((r) => r.path === '/')!
    const byName = (name: string) => main.children!.find((r) => r.name === name)!
    const expected: [string, string][] = [
      ['district-import', 'district/import'],
      ['district-submissions', 'district/submissions'],
      ['district-statistics', 'district/statistics'],
      ['district-duplicates', 'district/duplicates'],
      ['district-offices', 'district/offices'],
    ]
    for (const [name, path] of expected) {
      expect(byName(name).path, name).toBe(path)
      expect(byName(name).meta?.requiresAuth, name).toBe(true)
      expect(typeof byName(name).component, name).toBe('function')
    }
  })

  it('keeps a user who is not logged in out of them', () => {
    session.status = readyStatus()
    for (const p of ['/district/import', '/district/submissions', '/district/statistics', '/district/duplicates', '/district/offices']) {
      expect(guardTarget(p, true), p).toBe('/login')
    }
  })
})

describe('router guard', () => {
  it('sends everything to setup on first run', () => {
    session.status = readyStatus({ state: 'needs_setup', office: null })
    expect(guardTarget('/', true)).toBe('/setup')
    expect(guardTarget('/login', false)).toBe('/setup')
    expect(guardTarget('/setup', false)).toBe(true)
  })

  it('keeps a user who is not logged in out of the main screens', () => {
    session.status = readyStatus()
    expect(guardTarget('/', true)).toBe('/login')
    expect(guardTarget('/mediation', true)).toBe('/login')
    expect(guardTarget('/mediation/abc', true)).toBe('/login')
    expect(guardTarget('/legal-aid/consultations', true)).toBe('/login')
    expect(guardTarget('/legal-aid/applications/new', true)).toBe('/login')
    expect(guardTarget('/correction', true)).toBe('/login')
    expect(guardTarget('/correction/new', true)).toBe('/login')
    expect(guardTarget('/settings/supervision-levels', true)).toBe('/login')
    expect(guardTarget('/batch', true)).toBe('/login')
    expect(guardTarget('/login', false)).toBe(true)
    expect(guardTarget('/setup', false)).toBe('/login')
  })

  it('lets a logged-in user in, and away from login and setup', () => {
    session.status = readyStatus({ user: HEAD })
    session.user = HEAD
    expect(guardTarget('/', true)).toBe(true)
    expect(guardTarget('/mediation', true)).toBe(true)
    expect(guardTarget('/login', false)).toBe('/')
    expect(guardTarget('/setup', false)).toBe('/')
  })

  it('does not route while the app shows its fatal error', () => {
    session.fatal = { code: 'store.open', message: '无法打开数据库', fields: [] }
    expect(guardTarget('/', true)).toBe(true)
  })
})

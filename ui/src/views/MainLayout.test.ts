import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import { RouterView, createMemoryHistory, createRouter } from 'vue-router'

vi.mock('../api', () => ({ codeTables: vi.fn(), logout: vi.fn(), sessionLock: vi.fn(), changePassword: vi.fn() }))
vi.mock('../lib/notify', async (orig) => ({
  ...(await orig<typeof import('../lib/notify')>()),
  confirmLeaveUnsaved: vi.fn(),
}))

import * as api from '../api'
import * as notify from '../lib/notify'
import { useUnsavedChanges } from '../composables/useUnsavedChanges'
import MainLayout from './MainLayout.vue'
import { resetCodeTables } from '../store/codeTables'
import { resetSession, session } from '../store/session'
import type { AppStatus, Mode, Role } from '../api/generated'
import { realCodeTables } from '../test/codeTables'
import { DISTRICT, readyStatus } from '../test/session'
import { closeHelp, helpDrawer } from '../help/helpState'

const page = (id: string) => ({ render: () => h('div', { 'data-testid': id }) })

beforeEach(() => {
  resetSession()
  resetCodeTables()
  vi.mocked(api.codeTables).mockResolvedValue(realCodeTables())
})

afterEach(() => {
  document.body.innerHTML = ''
})

describe('MainLayout menu', () => {
  it('has the legal-aid sub-menu open, with its two items leading to their screens', async () => {
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        {
          path: '/',
          component: MainLayout,
          children: [
            { path: '', component: page('dashboard') },
            { path: 'mediation', component: page('mediation') },
            { path: 'legal-aid/consultations', component: page('consultations') },
            { path: 'legal-aid/applications', component: page('applications') },
            { path: 'legal-aid/applications/:id', component: page('application') },
            { path: 'settings/holidays', component: page('holidays') },
          ],
        },
      ],
    })
    await router.push('/legal-aid/applications/abc')
    await router.isReady()
    const w = mount({ render: () => h('div', [h(MainLayout)]) }, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    expect(w.get('[data-testid="nav-legal-aid-menu"]').text()).toBe('法律援助')
    const consult = w.get('[data-testid="nav-consultations"]')
    const apps = w.get('[data-testid="nav-legal-aid"]')
    expect(consult.text()).toBe('咨询登记')
    expect(apps.text()).toBe('援助申请')
    expect(consult.isVisible()).toBe(true)
    // the form of an application keeps 援助申请 highlighted
    expect(apps.classes()).toContain('is-active')
    await consult.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/legal-aid/consultations')
    expect(w.get('[data-testid="nav-consultations"]').classes()).toContain('is-active')
    w.unmount()
  })

  it('has the correction sub-menu open, its items leading to 矫正对象 and 监管等级', async () => {
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        {
          path: '/',
          component: MainLayout,
          children: [
            { path: '', component: page('dashboard') },
            { path: 'correction', component: page('correction-list') },
            { path: 'correction/:id', component: page('correction-subject') },
            { path: 'settings/supervision-levels', component: page('levels') },
            { path: 'settings/holidays', component: page('holidays') },
          ],
        },
      ],
    })
    await router.push('/correction/abc')
    await router.isReady()
    const w = mount({ render: () => h('div', [h(MainLayout)]) }, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    expect(w.get('[data-testid="nav-correction-menu"]').text()).toBe('社区矫正')
    const subjects = w.get('[data-testid="nav-correction"]')
    const levels = w.get('[data-testid="nav-supervision-levels"]')
    expect(subjects.text()).toBe('矫正对象')
    expect(levels.text()).toBe('监管等级')
    expect(subjects.isVisible()).toBe(true)
    expect(levels.isVisible()).toBe(true)
    // a subject page keeps 矫正对象 highlighted
    expect(subjects.classes()).toContain('is-active')
    await levels.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/settings/supervision-levels')
    expect(w.get('[data-testid="nav-supervision-levels"]').classes()).toContain('is-active')
    expect(w.get('[data-testid="nav-correction"]').classes()).not.toContain('is-active')
    expect(w.find('[data-testid="levels"]').exists()).toBe(true)
    await w.get('[data-testid="nav-correction"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/correction')
    expect(w.get('[data-testid="nav-correction"]').classes()).toContain('is-active')
    w.unmount()
  })

  it('has 月度报送 after the correction sub-menu and before 节假日设置, leading to its screen', async () => {
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        {
          path: '/',
          component: MainLayout,
          children: [
            { path: '', component: page('dashboard') },
            { path: 'correction', component: page('correction-list') },
            { path: 'batch', component: page('batch') },
            { path: 'settings/holidays', component: page('holidays') },
          ],
        },
      ],
    })
    await router.push('/')
    await router.isReady()
    const w = mount({ render: () => h('div', [h(MainLayout)]) }, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    const batch = w.get('[data-testid="nav-batch"]')
    expect(batch.text()).toBe('月度报送')
    expect(batch.isVisible()).toBe(true)
    // a top-level item, in the menu's order
    expect(batch.element.closest('.el-sub-menu')).toBeNull()
    const order = [...new Set(w.findAll('[data-testid^="nav-"]').map((e) => e.attributes('data-testid')))]
    expect(order.slice(order.indexOf('nav-correction-menu'))).toEqual([
      'nav-correction-menu',
      'nav-correction',
      'nav-supervision-levels',
      'nav-batch',
      'nav-holidays',
    ])
    await batch.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/batch')
    expect(w.get('[data-testid="nav-batch"]').classes()).toContain('is-active')
    expect(w.find('[data-testid="batch"]').exists()).toBe(true)
    w.unmount()
  })

  it('shows no district items in a township office', async () => {
    session.status = status('township')
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/', component: MainLayout, children: [{ path: '', component: page('dashboard') }] }],
    })
    await router.push('/')
    await router.isReady()
    const w = mount({ render: () => h('div', [h(MainLayout)]) }, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    const order = [...new Set(w.findAll('[data-testid^="nav-"]').map((e) => e.attributes('data-testid')))]
    expect(order).toEqual([
      'nav-dashboard',
      'nav-mediation',
      'nav-legal-aid-menu',
      'nav-consultations',
      'nav-legal-aid',
      'nav-correction-menu',
      'nav-correction',
      'nav-supervision-levels',
      'nav-batch',
      'nav-holidays',
    ])
    w.unmount()
  })

  it('shows the district screens in district mode, and no 月度报送', async () => {
    session.status = status('district')
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        {
          path: '/',
          component: MainLayout,
          children: [
            { path: '', component: page('dashboard') },
            { path: 'district/import', component: page('import') },
            { path: 'district/submissions', component: page('submissions') },
            { path: 'district/statistics', component: page('statistics') },
            { path: 'district/duplicates', component: page('duplicates') },
            { path: 'district/offices', component: page('offices') },
          ],
        },
      ],
    })
    await router.push('/')
    await router.isReady()
    const w = mount({ render: () => h('div', [h(MainLayout)]) }, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    const order = [...new Set(w.findAll('[data-testid^="nav-"]').map((e) => e.attributes('data-testid')))]
    expect(order).toEqual([
      'nav-dashboard',
      'nav-import',
      'nav-submissions',
      'nav-district-stats',
      'nav-duplicates',
      'nav-offices',
      'nav-mediation',
      'nav-legal-aid-menu',
      'nav-consultations',
      'nav-legal-aid',
      'nav-correction-menu',
      'nav-correction',
      'nav-supervision-levels',
      'nav-holidays',
    ])
    const labels = ['nav-import', 'nav-submissions', 'nav-district-stats', 'nav-duplicates', 'nav-offices'].map((id) =>
      w.get(`[data-testid="${id}"]`).text(),
    )
    expect(labels).toEqual(['导入报送', '报送情况', '区级统计', '疑似重复', '司法所名册'])
    expect(w.find('[data-testid="nav-batch"]').exists()).toBe(false)
    expect(w.get('[data-testid="nav-dashboard"]').classes()).toContain('is-active')

    const routes: [string, string][] = [
      ['nav-import', '/district/import'],
      ['nav-submissions', '/district/submissions'],
      ['nav-district-stats', '/district/statistics'],
      ['nav-duplicates', '/district/duplicates'],
      ['nav-offices', '/district/offices'],
    ]
    for (const [id, path] of routes) {
      await w.get(`[data-testid="${id}"]`).trigger('click')
      await flushPromises()
      expect(router.currentRoute.value.path).toBe(path)
      expect(w.get(`[data-testid="${id}"]`).classes()).toContain('is-active')
      expect(w.get('[data-testid="nav-dashboard"]').classes()).not.toContain('is-active')
    }
    expect(w.find('[data-testid="offices"]').exists()).toBe(true)
    w.unmount()
  })
})

function status(mode: Mode): AppStatus {
  return readyStatus({
    office: mode === 'district' ? DISTRICT : { code: '420202001', name: '石港镇司法所', shortName: '石港', district: '黄石港区', mode },
    user: { id: 'u1', username: 'admin', displayName: '王所长', role: 'head' },
    version: '',
  })
}

describe('MainLayout 系统管理 and the header', () => {
  function mountAt(path: string, role: Role, mode: Mode = 'township') {
    session.status = status(mode)
    session.user = { id: 'u1', username: 'admin', displayName: '王所长', role }
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        {
          path: '/',
          component: MainLayout,
          children: [
            { path: '', component: page('dashboard') },
            { path: 'settings/holidays', component: page('holidays') },
            { path: 'settings/users', component: page('users') },
            { path: 'settings/audit', component: page('audit') },
            { path: 'settings/backup', component: page('backup') },
            { path: 'settings/system', component: page('settings') },
          ],
        },
      ],
    })
    return { router, ready: router.push(path).then(() => router.isReady()) }
  }

  it('shows 系统管理 after 节假日设置 to administrators, its items leading to their screens', async () => {
    const { router, ready } = mountAt('/settings/audit', 'head')
    await ready
    const w = mount({ render: () => h('div', [h(MainLayout)]) }, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    const order = [...new Set(w.findAll('[data-testid^="nav-"]').map((e) => e.attributes('data-testid')))]
    expect(order.slice(order.indexOf('nav-holidays'))).toEqual([
      'nav-holidays',
      'nav-system-menu',
      'nav-users',
      'nav-audit',
      'nav-backup',
      'nav-settings',
    ])
    expect(w.get('[data-testid="nav-system-menu"]').text()).toBe('系统管理')
    expect(['nav-users', 'nav-audit', 'nav-backup', 'nav-settings'].map((id) => w.get(`[data-testid="${id}"]`).text())).toEqual([
      '账号管理',
      '操作日志',
      '数据备份',
      '系统设置',
    ])
    expect(w.get('[data-testid="nav-users"]').isVisible()).toBe(true)
    expect(w.get('[data-testid="nav-audit"]').classes()).toContain('is-active')
    const targets: [string, string, string][] = [
      ['nav-users', '/settings/users', 'users'],
      ['nav-audit', '/settings/audit', 'audit'],
      ['nav-backup', '/settings/backup', 'backup'],
      ['nav-settings', '/settings/system', 'settings'],
    ]
    for (const [id, path, screen] of targets) {
      await w.get(`[data-testid="${id}"]`).trigger('click')
      await flushPromises()
      expect(router.currentRoute.value.path).toBe(path)
      expect(w.get(`[data-testid="${id}"]`).classes()).toContain('is-active')
      expect(w.find(`[data-testid="${screen}"]`).exists()).toBe(true)
    }
    w.unmount()
  })

  it('shows 系统管理 to a district administrator too', async () => {
    const { router, ready } = mountAt('/', 'district_admin', 'district')
    await ready
    const w = mount({ render: () => h('div', [h(MainLayout)]) }, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    expect(w.find('[data-testid="nav-system-menu"]').exists()).toBe(true)
    expect(w.find('[data-testid="nav-users"]').exists()).toBe(true)
    w.unmount()
  })

  it('shows no 系统管理 to staff or read-only accounts, who keep 节假日设置', async () => {
    for (const role of ['staff', 'readonly'] as const) {
      const { router, ready } = mountAt('/', role)
      await ready
      const w = mount({ render: () => h('div', [h(MainLayout)]) }, { global: { plugins: [router] }, attachTo: document.body })
      await flushPromises()
      expect(w.find('[data-testid="nav-system-menu"]').exists(), role).toBe(false)
      for (const id of ['nav-users', 'nav-audit', 'nav-backup', 'nav-settings']) expect(w.find(`[data-testid="${id}"]`).exists(), id).toBe(false)
      expect(w.find('[data-testid="nav-holidays"]').exists()).toBe(true)
      w.unmount()
    }
  })

  it('locks the screen with 锁定', async () => {
    vi.mocked(api.sessionLock).mockResolvedValue(null)
    const { router, ready } = mountAt('/', 'staff')
    await ready
    const w = mount({ render: () => h('div', [h(MainLayout)]) }, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    expect(w.get('[data-testid="lock-now"]').text()).toBe('锁定')
    await w.get('[data-testid="lock-now"]').trigger('click')
    await flushPromises()
    expect(session.locked).toBe(true)
    expect(api.sessionLock).toHaveBeenCalledTimes(1)
    expect(router.currentRoute.value.path).toBe('/')
    w.unmount()
  })

  it('opens 修改密码, which can be closed', async () => {
    const { router, ready } = mountAt('/', 'staff')
    await ready
    const w = mount({ render: () => h('div', [h(MainLayout)]) }, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    expect(w.find('[data-testid="change-password-dialog"]').exists()).toBe(false)
    await w.get('[data-testid="change-password"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="change-password-dialog"]').isVisible()).toBe(true)
    expect(w.find('[data-testid="change-password-forced"]').exists()).toBe(false)
    await w.get('[data-testid="change-password-cancel"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="change-password-dialog"]').exists()).toBe(false)
    expect(api.changePassword).not.toHaveBeenCalled()
    w.unmount()
  })
})

describe('MainLayout 退出登录 with unsaved work', () => {
  const typed = ref('')
  const form = defineComponent({
    setup() {
      useUnsavedChanges(() => typed.value !== '', '本案件')
      return () => h('div', { 'data-testid': 'case-form' })
    },
  })

  async function mountForm() {
    session.status = status('township')
    session.user = { id: 'u1', username: 'admin', displayName: '王所长', role: 'head' }
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/login', component: page('login') },
        { path: '/', component: MainLayout, children: [{ path: 'mediation/:id', component: form }] },
      ],
    })
    await router.push('/mediation/new')
    await router.isReady()
    const w = mount({ render: () => h(RouterView) }, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    return { router, w }
  }

  beforeEach(() => {
    typed.value = ''
    vi.mocked(api.logout).mockReset().mockResolvedValue(null)
    vi.mocked(notify.confirmLeaveUnsaved).mockReset()
  })

  it('asks first; 继续编辑 keeps the session, the form and the route', async () => {
    const { router, w } = await mountForm()
    typed.value = '张三与李四因排水沟堵塞发生纠纷'
    vi.mocked(notify.confirmLeaveUnsaved).mockResolvedValue(false)
    await w.get('[data-testid="logout"]').trigger('click')
    await flushPromises()
    expect(notify.confirmLeaveUnsaved).toHaveBeenCalledWith('本案件', '退出登录')
    expect(api.logout).not.toHaveBeenCalled()
    expect(session.user?.displayName).toBe('王所长')
    expect(router.currentRoute.value.path).toBe('/mediation/new')
    expect(w.find('[data-testid="case-form"]').exists()).toBe(true)
    w.unmount()
  })

  it('logs out after 放弃修改并退出登录, asking once', async () => {
    const { router, w } = await mountForm()
    typed.value = '改了'
    vi.mocked(notify.confirmLeaveUnsaved).mockResolvedValue(true)
    await w.get('[data-testid="logout"]').trigger('click')
    await flushPromises()
    expect(api.logout).toHaveBeenCalledTimes(1)
    expect(notify.confirmLeaveUnsaved).toHaveBeenCalledTimes(1)
    expect(session.user).toBeNull()
    expect(router.currentRoute.value.path).toBe('/login')
    w.unmount()
  })

  it('logs out at once when nothing is unsaved', async () => {
    const { router, w } = await mountForm()
    await w.get('[data-testid="logout"]').trigger('click')
    await flushPromises()
    expect(notify.confirmLeaveUnsaved).not.toHaveBeenCalled()
    expect(api.logout).toHaveBeenCalledTimes(1)
    expect(router.currentRoute.value.path).toBe('/login')
    w.unmount()
  })
})

describe('MainLayout by keyboard, and the scroll of its screens', () => {
  function layoutRouter() {
    return createRouter({
      history: createMemoryHistory(),
      routes: [
        {
          path: '/',
          component: MainLayout,
          children: [
            { path: '', component: page('dashboard') },
            { path: 'mediation', component: page('mediation') },
            { path: 'mediation/:id', name: 'mediation-case', component: page('case') },
            { path: 'legal-aid/consultations', component: page('consultations') },
            { path: 'legal-aid/applications', component: page('applications') },
            { path: 'settings/holidays', component: page('holidays') },
            { path: 'settings/users', component: page('users') },
            { path: 'district/import', component: page('import') },
          ],
        },
      ],
    })
  }

  async function mountLayout(path: string, role: Role = 'head', mode: Mode = 'township') {
    session.status = status(mode)
    session.user = { id: 'u1', username: 'admin', displayName: '王所长', role }
    const router = layoutRouter()
    await router.push(path)
    await router.isReady()
    const w = mount({ render: () => h('div', [h(MainLayout)]) }, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    return { router, w }
  }

  const key = (k: string) => new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true })

  it('makes every item and group title of the menu a Tab stop', async () => {
    for (const mode of ['township', 'district'] as const) {
      const { w } = await mountLayout('/', mode === 'district' ? 'district_admin' : 'head', mode)
      const items = w.findAll('[data-testid="app-menu"] .el-menu-item')
      expect(items.length, mode).toBeGreaterThanOrEqual(12)
      for (const item of items) expect(item.attributes('tabindex'), item.text()).toBe('0')
      for (const id of ['nav-legal-aid-menu', 'nav-correction-menu', 'nav-system-menu']) {
        expect(w.get(`[data-testid="${id}"]`).attributes('tabindex'), id).toBe('0')
      }
      w.unmount()
    }
  })

  it('opens the focused item with Enter or Space, and ignores other keys', async () => {
    const { router, w } = await mountLayout('/')
    const mediation = w.get('[data-testid="nav-mediation"]').element as HTMLElement
    mediation.focus()
    expect(document.activeElement).toBe(mediation)
    const tab = key('a')
    mediation.dispatchEvent(tab)
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/')
    expect(tab.defaultPrevented).toBe(false)

    const enter = key('Enter')
    mediation.dispatchEvent(enter)
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/mediation')
    expect(enter.defaultPrevented).toBe(true)
    expect(w.get('[data-testid="nav-mediation"]').classes()).toContain('is-active')

    // an item of a group; Space does not scroll the menu
    const space = key(' ')
    w.get('[data-testid="nav-users"]').element.dispatchEvent(space)
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/settings/users')
    expect(space.defaultPrevented).toBe(true)
    w.unmount()
  })

  it('closes and opens a group with Enter on its title', async () => {
    const { w } = await mountLayout('/')
    const title = w.get('[data-testid="nav-legal-aid-menu"]').element as HTMLElement
    expect(w.get('[data-testid="nav-consultations"]').isVisible()).toBe(true)
    title.dispatchEvent(key('Enter'))
    await flushPromises()
    expect(w.get('[data-testid="nav-legal-aid-menu"]').element.closest('.el-sub-menu')!.classList).not.toContain('is-opened')
    title.dispatchEvent(key('Enter'))
    await flushPromises()
    expect(w.get('[data-testid="nav-legal-aid-menu"]').element.closest('.el-sub-menu')!.classList).toContain('is-opened')
    expect(w.get('[data-testid="nav-consultations"]').isVisible()).toBe(true)
    w.unmount()
  })

  it('gives the longer menu of a district its denser rows', async () => {
    const office = await mountLayout('/', 'head', 'township')
    expect(office.w.get('[data-testid="app-menu"]').classes()).toContain('app-menu')
    expect(office.w.get('[data-testid="app-menu"]').classes()).not.toContain('app-menu--dense')
    office.w.unmount()
    const district = await mountLayout('/', 'district_admin', 'district')
    expect(district.w.get('[data-testid="app-menu"]').classes()).toContain('app-menu--dense')
    district.w.unmount()
  })

  it('shows each new screen from its top, but keeps the place of a form saved for the first time', async () => {
    const { router, w } = await mountLayout('/')
    const main = w.get('[data-testid="app-main"]').element as HTMLElement
    // jsdom does not scroll: the area remembers what it is told.
    Object.defineProperty(main, 'scrollTop', { value: 0, writable: true, configurable: true })

    main.scrollTop = 640
    await w.get('[data-testid="nav-mediation"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/mediation')
    expect(main.scrollTop).toBe(0)

    main.scrollTop = 480 // the next page of a list
    await router.push('/mediation?page=2')
    expect(main.scrollTop).toBe(0)

    await router.push('/mediation/new')
    main.scrollTop = 900 // 保存 at the foot of a new case: the case gets its id, the form stays
    await router.replace('/mediation/0193a0b0')
    expect(main.scrollTop).toBe(900)

    await router.push('/mediation/0193a0b1') // another case
    expect(main.scrollTop).toBe(0)

    // a navigation that does not happen leaves the place alone
    main.scrollTop = 300
    const stop = router.beforeEach(() => false)
    await router.push('/settings/holidays')
    stop()
    expect(router.currentRoute.value.path).toBe('/mediation/0193a0b1')
    expect(main.scrollTop).toBe(300)
    w.unmount()
  })
})

describe('MainLayout help and 关于', () => {
  async function mountHelpLayout(path: string) {
    session.status = status('township')
    session.user = { id: 'u1', username: 'wang', displayName: '王五', role: 'staff' }
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        {
          path: '/',
          component: MainLayout,
          children: [
            { path: '', component: page('dashboard') },
            { path: 'mediation', component: page('mediation') },
            { path: 'about', name: 'about', component: page('about') },
          ],
        },
      ],
    })
    await router.push(path)
    await router.isReady()
    const w = mount({ render: () => h('div', [h(MainLayout)]) }, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    return { router, w }
  }

  afterEach(closeHelp)

  it('has 帮助 (F1) in the header, opening the help of the screen', async () => {
    const { w } = await mountHelpLayout('/mediation')
    const button = w.get('[data-testid="help-open"]')
    expect(button.text()).toBe('帮助 (F1)')
    expect(button.element.closest('.app-header')).not.toBeNull()
    expect(helpDrawer.open).toBe(false)
    await button.trigger('click')
    expect(helpDrawer.open).toBe(true)
    w.unmount()
  })

  it('has 关于 below the menu, leading to its screen with no menu item highlighted', async () => {
    const { router, w } = await mountHelpLayout('/')
    const about = w.get('[data-testid="about-link"]')
    expect(about.text()).toBe('关于司法所工作台')
    expect(about.element.closest('.app-aside')).not.toBeNull()
    expect(about.element.closest('.el-menu')).toBeNull()
    await about.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/about')
    expect(w.find('[data-testid="about"]').exists()).toBe(true)
    expect(w.findAll('.el-menu-item.is-active')).toHaveLength(0)
    w.unmount()
  })
})

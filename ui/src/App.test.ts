import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h, nextTick, ref } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'

vi.mock('./api', async (orig) => ({
  ...(await orig<typeof import('./api')>()),
  appStatus: vi.fn(),
  sessionUnlock: vi.fn(),
  sessionLock: vi.fn(),
  sessionTouch: vi.fn(),
  logout: vi.fn(),
  windowSetUnsaved: vi.fn(async () => null),
  onCloseRequested: vi.fn(async () => () => {}),
}))

import * as api from './api'
import type { AppStatus, SessionStatus, User } from './api/generated'
import App from './App.vue'
import { boot, markLocked, requirePasswordChange, resetSession, session, setUser } from './store/session'
import { readyStatus } from './test/session'
import { closeHelp, helpDrawer } from './help/helpState'

afterEach(() => {
  resetSession()
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

async function mountApp() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => h('div', { 'data-testid': 'routed' }) } }] })
  await router.push('/')
  await boot()
  const w = mount(App, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return w
}

describe('startup', () => {
  it('shows only the error page when the core cannot open its database', async () => {
    vi.mocked(api.appStatus).mockResolvedValue(
      readyStatus({
        state: 'error',
        error: { code: 'store.foreign_file', message: '数据库文件不属于本程序，无法打开', fields: [] },
        office: null,
        dbPath: '/tmp/x.db',
      }),
    )
    const w = await mountApp()
    const page = w.get('[data-testid="app-error"]')
    expect(page.text()).toContain('数据库文件不属于本程序，无法打开')
    expect(page.text()).toContain('请关闭本程序后重试；如仍无法打开，请联系区司法局信息管理员。')
    expect(w.find('[data-testid="routed"]').exists()).toBe(false)
  })

  it('shows a Chinese error page when app_status itself fails', async () => {
    vi.mocked(api.appStatus).mockRejectedValue(new TypeError('window.__TAURI_INTERNALS__ is undefined'))
    const w = await mountApp()
    const text = w.get('[data-testid="app-error"]').text()
    expect(text).not.toContain('TAURI')
    expect(text).toMatch(/[\u4e00-\u9fff]/)
  })

  it('routes normally when the core is ready', async () => {
    vi.mocked(api.appStatus).mockResolvedValue(readyStatus({ office: null }))
    const w = await mountApp()
    expect(w.find('[data-testid="app-error"]').exists()).toBe(false)
    expect(w.find('[data-testid="routed"]').exists()).toBe(true)
  })
})

const user: User = { id: 'u1', username: 'wang', displayName: '王所长', role: 'head' }

function ready(over: Partial<SessionStatus> = {}): AppStatus {
  return readyStatus({
    office: { code: '420202001', name: '石港镇司法所', shortName: '石港', district: '黄石港区', mode: 'township' },
    user,
    session: { user, locked: false, mustChangePassword: false, idleSeconds: 600, ...over },
    audit: { entries: 3, firstBroken: null, reason: null },
  })
}

/** A screen behind the login with some state of its own (a form being filled in). */
const Form = defineComponent({
  setup() {
    const text = ref('')
    return () => h('input', { 'data-testid': 'form-input', value: text.value, onInput: (e: Event) => (text.value = (e.target as HTMLInputElement).value) })
  },
})

async function mountWithLogin() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Form, meta: { requiresAuth: true } },
      { path: '/login', component: { render: () => h('div', { 'data-testid': 'login-page' }) } },
    ],
  })
  await router.push('/')
  await boot()
  const w = mount(App, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return { w, router }
}

describe('session', () => {
  it('shows the lock screen at start-up when the session is locked, the screen kept beneath it', async () => {
    vi.mocked(api.appStatus).mockResolvedValue(ready({ locked: true }))
    const { w } = await mountWithLogin()
    expect(w.get('[data-testid="lock-screen"]').text()).toContain('石港镇司法所')
    expect(w.get('[data-testid="lock-user"]').text()).toBe('王所长')
    const shell = w.get('[data-testid="app-shell"]')
    expect(shell.attributes('inert')).toBeDefined()
    expect(shell.attributes('aria-hidden')).toBe('true')
    expect(w.find('[data-testid="form-input"]').exists()).toBe(true)
  })

  it('keeps an open form through lock and unlock', async () => {
    vi.mocked(api.appStatus).mockResolvedValue(ready())
    vi.mocked(api.sessionUnlock).mockResolvedValue(user)
    const { w, router } = await mountWithLogin()
    expect(w.find('[data-testid="lock-screen"]').exists()).toBe(false)
    expect(w.get('[data-testid="app-shell"]').attributes('inert')).toBeUndefined()
    await w.get('[data-testid="form-input"]').setValue('张三与李四邻里纠纷')
    // a command answered "auth.session_locked" (the handler installed in main.ts)
    markLocked()
    await nextTick()
    expect(w.find('[data-testid="lock-screen"]').exists()).toBe(true)
    await w.get('input[data-testid="unlock-password"]').setValue('mima1234')
    await w.get('[data-testid="lock-screen"] form').trigger('submit')
    await flushPromises()
    expect(api.sessionUnlock).toHaveBeenCalledWith('mima1234')
    expect(w.find('[data-testid="lock-screen"]').exists()).toBe(false)
    expect((w.get('[data-testid="form-input"]').element as HTMLInputElement).value).toBe('张三与李四邻里纠纷')
    expect(router.currentRoute.value.path).toBe('/')
  })

  it('forces the password change at start-up when the core demands it', async () => {
    vi.mocked(api.appStatus).mockResolvedValue(ready({ mustChangePassword: true }))
    const { w } = await mountWithLogin()
    expect(w.get('[data-testid="change-password-dialog"]').isVisible()).toBe(true)
    expect(w.find('[data-testid="change-password-forced"]').exists()).toBe(true)
    expect(w.find('[data-testid="change-password-cancel"]').exists()).toBe(false)
  })

  it('forces it when a command answers that the password must be changed first', async () => {
    vi.mocked(api.appStatus).mockResolvedValue(ready())
    const { w } = await mountWithLogin()
    expect(w.find('[data-testid="change-password-dialog"]').exists()).toBe(false)
    requirePasswordChange()
    await flushPromises()
    expect(w.find('[data-testid="change-password-forced"]').exists()).toBe(true)
  })

  it('draws no screen behind the login once nobody is logged in', async () => {
    vi.mocked(api.appStatus).mockResolvedValue(ready())
    const { w } = await mountWithLogin()
    expect(w.find('[data-testid="form-input"]').exists()).toBe(true)
    setUser(null)
    await nextTick()
    expect(w.find('[data-testid="form-input"]').exists()).toBe(false)
    expect(w.find('[data-testid="lock-screen"]').exists()).toBe(false)
  })

  it('locks the screen after the idle time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    try {
      vi.mocked(api.appStatus).mockResolvedValue(ready({ idleSeconds: 120 }))
      vi.mocked(api.sessionLock).mockResolvedValue(null)
      const { w } = await mountWithLogin()
      expect(session.idleSeconds).toBe(120)
      await vi.advanceTimersByTimeAsync(119_000)
      expect(w.find('[data-testid="lock-screen"]').exists()).toBe(false)
      await vi.advanceTimersByTimeAsync(1_000)
      expect(api.sessionLock).toHaveBeenCalledTimes(1)
      expect(w.find('[data-testid="lock-screen"]').exists()).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('F1 help', () => {
  afterEach(closeHelp)

  it('opens the help drawer on F1 over the routed screens, and not while the screen is locked', async () => {
    vi.mocked(api.appStatus).mockResolvedValue(ready())
    const w = await mountApp()
    const press = () => {
      const e = new KeyboardEvent('keydown', { key: 'F1', bubbles: true, cancelable: true })
      document.body.dispatchEvent(e)
      return e
    }
    markLocked()
    await nextTick()
    expect(press().defaultPrevented).toBe(true)
    expect(helpDrawer.open).toBe(false)
    session.locked = false
    await nextTick()
    press()
    await flushPromises()
    expect(helpDrawer.open).toBe(true)
    const drawer = w.get('[data-testid="app-shell"] [data-testid="help-drawer"]')
    expect(drawer.get('[data-testid="help-title"]').text()).toContain('帮助：')
  })
})

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { RouterView, createMemoryHistory, createRouter, type Router } from 'vue-router'

vi.mock('../api', async (orig) => ({
  ...(await orig<typeof import('../api')>()),
  sessionUnlock: vi.fn(),
  logout: vi.fn(),
  appStatus: vi.fn(),
}))

import * as api from '../api'
import type { AppStatus, User } from '../api/generated'
import LockScreen from './LockScreen.vue'
import { resetUnsavedChanges, useUnsavedChanges } from '../composables/useUnsavedChanges'
import { resetSession, session } from '../store/session'
import { readyStatus } from '../test/session'

const m = vi.mocked(api)
const user: User = { id: 'u1', username: 'wang', displayName: '王所长', role: 'head' }
let wrapper: VueWrapper | null = null
let router: Router

const status = (over: Partial<AppStatus> = {}): AppStatus =>
  readyStatus({
    office: { code: '420202001', name: '石港镇司法所', shortName: '石港', district: '黄石港区', mode: 'township' },
    user,
    session: { user, locked: true, mustChangePassword: false, idleSeconds: 600 },
    version: '',
    ...over,
  })

/** The form beneath the lock screen; `unsaved` makes it hold unsaved changes. */
const unsavedForm = defineComponent({
  setup() {
    useUnsavedChanges(() => true, '本案件')
    return () => h('div', { 'data-testid': 'case-form' }, 'form')
  },
})

async function mountLock(unsaved = false): Promise<VueWrapper> {
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/mediation/:id', component: unsaved ? unsavedForm : { render: () => h('div', 'form') } },
      { path: '/login', component: { render: () => h('div', { 'data-testid': 'login-page' }) } },
    ],
  })
  await router.push('/mediation/abc')
  await router.isReady()
  wrapper = mount(
    { render: () => h('div', [h('input', { id: 'beneath', 'data-testid': 'beneath' }), h(RouterView), h(LockScreen)]) },
    { global: { plugins: [router] }, attachTo: document.body },
  )
  await flushPromises()
  return wrapper
}

const password = (w: VueWrapper) => w.get('input[data-testid="unlock-password"]')
const submit = async (w: VueWrapper) => {
  await w.get('[data-testid="lock-screen"] form').trigger('submit')
  await flushPromises()
}

beforeEach(() => {
  resetSession()
  vi.clearAllMocks()
  session.booted = true
  session.status = status()
  session.user = user
  session.locked = true
  session.idleSeconds = 600
  m.appStatus.mockResolvedValue(status({ session: { user, locked: false, mustChangePassword: false, idleSeconds: 600 } }))
  m.logout.mockResolvedValue(null)
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  resetUnsavedChanges()
  document.body.innerHTML = ''
})

describe('LockScreen', () => {
  it('shows the office, the locked user and a password field, focused', async () => {
    const w = await mountLock()
    expect(w.get('[data-testid="lock-office"]').text()).toBe('石港镇司法所')
    expect(w.get('[data-testid="lock-user"]').text()).toBe('王所长')
    expect(w.get('[data-testid="lock-screen"]').text()).toContain('屏幕已锁定')
    expect(password(w).attributes('type')).toBe('password')
    expect(document.activeElement).toBe(password(w).element)
    expect(w.get('[data-testid="unlock-submit"]').text()).toBe('解锁')
    expect(w.get('[data-testid="unlock-switch-user"]').text()).toBe('切换用户')
    expect(w.find('[data-testid="unlock-error"]').exists()).toBe(false)
  })

  it('unlocks with the password and stays where it was', async () => {
    m.sessionUnlock.mockResolvedValue(user)
    const w = await mountLock()
    await password(w).setValue('mima1234')
    await submit(w)
    expect(m.sessionUnlock).toHaveBeenCalledWith('mima1234')
    expect(session.locked).toBe(false)
    expect(session.user).toEqual(user)
    expect(router.currentRoute.value.fullPath).toBe('/mediation/abc')
    // the session's state is read again (a password reset meanwhile …)
    expect(m.appStatus).toHaveBeenCalledTimes(1)
    expect((password(w).element as HTMLInputElement).value).toBe('')
  })

  it('asks for the password before calling the core', async () => {
    const w = await mountLock()
    await submit(w)
    expect(m.sessionUnlock).not.toHaveBeenCalled()
    expect(w.get('[data-testid="unlock-error"]').text()).toBe('请输入密码')
    expect(session.locked).toBe(true)
  })

  it('shows a wrong password inline, without the login page\'s 用户名, and stays locked', async () => {
    m.sessionUnlock.mockRejectedValue({ code: 'auth.wrong_password', message: '用户名或密码错误。', fields: [] })
    const w = await mountLock()
    await password(w).setValue('wrong123')
    await submit(w)
    expect(w.get('[data-testid="unlock-error"]').text()).toBe('密码不正确，请重新输入。')
    expect(session.locked).toBe(true)
    expect(session.user).toEqual(user)
    expect((password(w).element as HTMLInputElement).value).toBe('')
    expect(document.activeElement).toBe(password(w).element)
    expect(router.currentRoute.value.fullPath).toBe('/mediation/abc')
  })

  it('shows the lockout after repeated wrong passwords', async () => {
    m.sessionUnlock.mockRejectedValue({
      code: 'auth.locked_out',
      message: '该账号因连续5次密码错误已被锁定，请在10分钟后重试。',
      fields: [],
    })
    const w = await mountLock()
    await password(w).setValue('wrong123')
    await submit(w)
    expect(w.get('[data-testid="unlock-error"]').text()).toBe('该账号因连续5次密码错误已被锁定，请在10分钟后重试。')
    expect(session.locked).toBe(true)
  })

  it('shows any other failure in the core\'s words', async () => {
    m.sessionUnlock.mockRejectedValue({ code: 'store.db', message: '数据库错误：磁盘I/O错误', fields: [] })
    const w = await mountLock()
    await password(w).setValue('mima1234')
    await submit(w)
    expect(w.get('[data-testid="unlock-error"]').text()).toBe('数据库错误：磁盘I/O错误')
    expect(session.locked).toBe(true)
  })

  it('goes to the login page when the session has ended meanwhile', async () => {
    m.sessionUnlock.mockRejectedValue({ code: 'auth.required', message: '请先登录。', fields: [] })
    const w = await mountLock()
    await password(w).setValue('mima1234')
    await submit(w)
    expect(session.user).toBeNull()
    expect(session.locked).toBe(false)
    expect(router.currentRoute.value.path).toBe('/login')
  })

  it('switches user: logs out and goes to the login page', async () => {
    const w = await mountLock()
    await w.get('[data-testid="unlock-switch-user"]').trigger('click')
    await flushPromises()
    expect(m.logout).toHaveBeenCalledTimes(1)
    expect(m.sessionUnlock).not.toHaveBeenCalled()
    expect(session.user).toBeNull()
    expect(session.locked).toBe(false)
    expect(router.currentRoute.value.path).toBe('/login')
  })

  it('asks before switching user with unsaved work beneath; 取消 keeps everything', async () => {
    const w = await mountLock(true)
    await w.get('[data-testid="unlock-switch-user"]').trigger('click')
    await flushPromises()
    expect(m.logout).not.toHaveBeenCalled()
    expect(w.get('[data-testid="unlock-switch-confirm"]').text()).toContain('本案件有尚未保存的修改，切换用户后这些修改将丢失。')
    await w.get('[data-testid="unlock-switch-cancel"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="unlock-switch-confirm"]').exists()).toBe(false)
    expect(session.locked).toBe(true)
    expect(router.currentRoute.value.fullPath).toBe('/mediation/abc')

    await w.get('[data-testid="unlock-switch-user"]').trigger('click')
    await flushPromises()
    await w.get('[data-testid="unlock-switch-discard"]').trigger('click')
    await flushPromises()
    expect(m.logout).toHaveBeenCalledTimes(1)
    expect(session.user).toBeNull()
    // The form let go without asking again: the login page is reached.
    expect(router.currentRoute.value.path).toBe('/login')
  })

  it('switches user even when the core cannot be told', async () => {
    m.logout.mockRejectedValue(new Error('ipc down'))
    const w = await mountLock()
    await w.get('[data-testid="unlock-switch-user"]').trigger('click')
    await flushPromises()
    expect(session.user).toBeNull()
    expect(router.currentRoute.value.path).toBe('/login')
  })

  it('keeps the keyboard on the lock screen: focus comes back, Esc does not reach the page', async () => {
    const w = await mountLock()
    const escapes = vi.fn()
    document.addEventListener('keydown', escapes)
    try {
      ;(w.get('[data-testid="beneath"]').element as HTMLInputElement).focus()
      expect(document.activeElement).toBe(password(w).element)
      await password(w).trigger('keydown', { key: 'Escape' })
      expect(escapes).not.toHaveBeenCalled()
    } finally {
      document.removeEventListener('keydown', escapes)
    }
  })
})

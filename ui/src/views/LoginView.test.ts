import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'

vi.mock('../api', () => ({
  login: vi.fn(),
  appStatus: vi.fn(),
}))

import * as api from '../api'
import type { User } from '../api/generated'
import LoginView from './LoginView.vue'
import { resetSession, session } from '../store/session'
import { HEAD, startReady } from '../test/session'

const login = vi.mocked(api.login)
const appStatus = vi.mocked(api.appStatus)

function makeRouter() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => h('div', { 'data-testid': 'home' }, '工作台') } },
      { path: '/login', component: LoginView },
    ],
  })
}

async function mountLogin() {
  const router = makeRouter()
  await router.push('/login')
  await router.isReady()
  const wrapper = mount({ render: () => h('div', [h(LoginView)]) }, { global: { plugins: [router] }, attachTo: document.body })
  return { wrapper, router }
}

beforeEach(() => {
  resetSession()
  startReady()
  login.mockReset()
  appStatus.mockReset()
  appStatus.mockRejectedValue(new Error('not asked in this test'))
})

afterEach(() => {
  document.body.innerHTML = ''
})

describe('LoginView', () => {
  it('shows the office name as the title', async () => {
    const { wrapper } = await mountLogin()
    expect(wrapper.get('[data-testid="login-office"]').text()).toBe('石灰窑司法所')
    expect(wrapper.find('[data-testid="login-error"]').exists()).toBe(false)
  })

  it('shows the Chinese message of a rejected login inline and keeps the username', async () => {
    login.mockRejectedValue({ code: 'auth.wrong_password', message: '用户名或密码错误', fields: [] })
    const { wrapper, router } = await mountLogin()
    await wrapper.get('[data-testid="field-username"] input').setValue('admin')
    await wrapper.get('[data-testid="field-password"] input').setValue('wrong-pass1')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(login).toHaveBeenCalledWith('admin', 'wrong-pass1')
    const err = wrapper.get('[data-testid="login-error"]')
    expect(err.text()).toBe('用户名或密码错误')
    expect((wrapper.get('[data-testid="field-username"] input').element as HTMLInputElement).value).toBe('admin')
    expect(router.currentRoute.value.path).toBe('/login')
    expect(session.user).toBeNull()
  })

  it('shows a Chinese message even when the rejection is not an ApiError', async () => {
    login.mockRejectedValue(new Error('network down'))
    const { wrapper } = await mountLogin()
    await wrapper.get('[data-testid="field-username"] input').setValue('admin')
    await wrapper.get('[data-testid="field-password"] input').setValue('abcd1234')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const text = wrapper.get('[data-testid="login-error"]').text()
    expect(text).toMatch(/[\u4e00-\u9fff]/)
    expect(text).not.toContain('network')
  })

  it('asks for the username before calling the core', async () => {
    const { wrapper } = await mountLogin()
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(login).not.toHaveBeenCalled()
    expect(wrapper.get('[data-testid="login-error"]').text()).toBe('请输入用户名')
  })

  it('goes to the dashboard after a successful login', async () => {
    login.mockResolvedValue({ ...HEAD })
    const { wrapper, router } = await mountLogin()
    await wrapper.get('[data-testid="field-username"] input').setValue(' admin ')
    await wrapper.get('[data-testid="field-password"] input').setValue('abcd1234')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(login).toHaveBeenCalledWith('admin', 'abcd1234')
    expect(session.user).toEqual(HEAD)
    expect(router.currentRoute.value.path).toBe('/')
  })

  it('learns after the login whether the password must be changed first, and the idle time', async () => {
    const user: User = { id: 'u2', username: 'lisi', displayName: '李四', role: 'staff' }
    login.mockResolvedValue(user)
    appStatus.mockResolvedValue({
      ...session.status!,
      user,
      session: { user, locked: false, mustChangePassword: true, idleSeconds: 600 },
      audit: { entries: 12, firstBroken: null, reason: null },
    })
    const { wrapper, router } = await mountLogin()
    await wrapper.get('[data-testid="field-username"] input').setValue('lisi')
    await wrapper.get('[data-testid="field-password"] input').setValue('chushi123')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(appStatus).toHaveBeenCalledTimes(1)
    expect(session.user).toEqual(user)
    expect(session.mustChangePassword).toBe(true)
    expect(session.idleSeconds).toBe(600)
    expect(router.currentRoute.value.path).toBe('/')
  })

  it('still goes to the dashboard when the status cannot be read after the login', async () => {
    login.mockResolvedValue({ ...HEAD })
    const { wrapper, router } = await mountLogin()
    await wrapper.get('[data-testid="field-username"] input').setValue('admin')
    await wrapper.get('[data-testid="field-password"] input').setValue('abcd1234')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(session.user).toEqual(HEAD)
    expect(session.mustChangePassword).toBe(false)
    expect(router.currentRoute.value.path).toBe('/')
  })
})

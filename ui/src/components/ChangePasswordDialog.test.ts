import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import type { Router } from 'vue-router'

vi.mock('../api', async (orig) => ({
  ...(await orig<typeof import('../api')>()),
  changePassword: vi.fn(),
  logout: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['showSuccess', 'showError']))

import * as api from '../api'
import type { User } from '../api/generated'
import * as notify from '../lib/notify'
import ChangePasswordDialog from './ChangePasswordDialog.vue'
import { resetSession, session } from '../store/session'
import { errorOf, settle } from '../test/formItems'
import { routerAt } from '../test/mountScreen'

const m = vi.mocked(api)
const n = vi.mocked(notify)
const user: User = { id: 'u2', username: 'lisi', displayName: '李四', role: 'staff' }
let wrapper: VueWrapper | null = null
let router: Router
const open = ref(true)
const changed = vi.fn()

async function mountDialog(forced: boolean): Promise<VueWrapper> {
  router = await routerAt('/', [
    { path: '/', component: { render: () => h('div', 'home') } },
    { path: '/login', component: { render: () => h('div', 'login') } },
  ])
  open.value = true
  const Host = defineComponent({
    setup: () => () =>
      h('div', [
        open.value ? h('span', { 'data-testid': 'open' }) : null,
        h(ChangePasswordDialog, {
          modelValue: open.value,
          'onUpdate:modelValue': (v: boolean) => (open.value = v),
          onChanged: changed,
          forced,
        }),
      ]),
  })
  wrapper = mount(Host, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const input = (w: VueWrapper, id: string) => w.get(`input[data-testid="${id}"]`)

async function fill(w: VueWrapper, old: string, next: string, confirm: string) {
  await input(w, 'change-password-old').setValue(old)
  await input(w, 'change-password-new').setValue(next)
  await input(w, 'change-password-confirm').setValue(confirm)
}

beforeEach(() => {
  resetSession()
  vi.clearAllMocks()
  session.user = user
  m.changePassword.mockResolvedValue(null)
  m.logout.mockResolvedValue(null)
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

describe('ChangePasswordDialog', () => {
  it('changes the password and closes', async () => {
    const w = await mountDialog(false)
    expect(w.get('.el-dialog__title').text()).toBe('修改密码')
    await fill(w, 'old12345', 'new12345', 'new12345')
    await w.get('[data-testid="change-password-submit"]').trigger('click')
    await flushPromises()
    expect(m.changePassword).toHaveBeenCalledWith('old12345', 'new12345')
    expect(n.showSuccess).toHaveBeenCalledWith('密码已修改，请牢记新密码')
    expect(open.value).toBe(false)
    expect(changed).toHaveBeenCalledTimes(1)
    // nothing was forced: the screens are not drawn afresh
    expect(session.viewEpoch).toBe(0)
  })

  it('checks what it can before asking the core: empty fields, the two new passwords', async () => {
    const w = await mountDialog(false)
    await w.get('[data-testid="change-password-submit"]').trigger('click')
    await settle()
    expect(errorOf(w, 'oldPassword')).toBe('请输入原密码')
    expect(errorOf(w, 'newPassword')).toBe('请输入新密码')
    await fill(w, 'old12345', 'new12345', 'new1234')
    await w.get('[data-testid="change-password-submit"]').trigger('click')
    await settle()
    expect(errorOf(w, 'confirmPassword')).toBe('两次输入的新密码不一致')
    expect(errorOf(w, 'oldPassword')).toBe('')
    expect(errorOf(w, 'newPassword')).toBe('')
    expect(m.changePassword).not.toHaveBeenCalled()
    expect(open.value).toBe(true)
  })

  it("shows the core's field errors under their fields", async () => {
    m.changePassword.mockRejectedValueOnce({
      code: 'auth.wrong_password',
      message: '原密码不正确',
      fields: [{ field: 'oldPassword', code: 'auth.wrong_password', message: '原密码不正确' }],
    })
    const w = await mountDialog(false)
    await fill(w, 'bad12345', 'new12345', 'new12345')
    await w.get('[data-testid="change-password-submit"]').trigger('click')
    await settle()
    expect(errorOf(w, 'oldPassword')).toBe('原密码不正确')
    expect(errorOf(w, 'newPassword')).toBe('')
    expect(open.value).toBe(true)

    m.changePassword.mockRejectedValueOnce({
      code: 'validation.password',
      message: '密码至少8位，且须同时包含字母和数字',
      fields: [{ field: 'newPassword', code: 'validation.password', message: '密码至少8位，且须同时包含字母和数字' }],
    })
    await fill(w, 'old12345', 'abcdefgh', 'abcdefgh')
    await w.get('[data-testid="change-password-submit"]').trigger('click')
    await settle()
    expect(errorOf(w, 'newPassword')).toBe('密码至少8位，且须同时包含字母和数字')
    expect(errorOf(w, 'oldPassword')).toBe('')
    // changing the field takes its error away
    await input(w, 'change-password-new').setValue('abcdefg1')
    await settle()
    expect(errorOf(w, 'newPassword')).toBe('')
  })

  it('closes with 取消 without asking the core', async () => {
    const w = await mountDialog(false)
    await w.get('[data-testid="change-password-cancel"]').trigger('click')
    await flushPromises()
    expect(open.value).toBe(false)
    expect(m.changePassword).not.toHaveBeenCalled()
  })

  it('forced: cannot be closed (no ×, no 取消, not by Esc), only 退出登录 besides saving', async () => {
    const w = await mountDialog(true)
    expect(w.get('.el-dialog__title').text()).toBe('请修改初始密码')
    expect(w.get('[data-testid="change-password-forced"]').text()).toContain('由管理员设置')
    expect(w.find('.el-dialog__headerbtn').exists()).toBe(false)
    expect(w.find('[data-testid="change-password-cancel"]').exists()).toBe(false)
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }))
    await settle()
    w.get('.el-overlay').trigger('click')
    await settle()
    expect(open.value).toBe(true)
    expect(w.get('[data-testid="change-password-dialog"]').isVisible()).toBe(true)
  })

  it('forced: a change lifts the demand and draws the screens afresh', async () => {
    session.mustChangePassword = true
    const w = await mountDialog(true)
    await fill(w, 'chushi123', 'wode12345', 'wode12345')
    await w.get('[data-testid="change-password-submit"]').trigger('click')
    await flushPromises()
    expect(m.changePassword).toHaveBeenCalledWith('chushi123', 'wode12345')
    expect(session.mustChangePassword).toBe(false)
    expect(session.viewEpoch).toBe(1)
  })

  it('forced: a refused change keeps it forced', async () => {
    session.mustChangePassword = true
    m.changePassword.mockRejectedValue({
      code: 'validation.password_same',
      message: '新密码不能与原密码相同',
      fields: [{ field: 'newPassword', code: 'validation.password_same', message: '新密码不能与原密码相同' }],
    })
    const w = await mountDialog(true)
    await fill(w, 'chushi123', 'chushi123', 'chushi123')
    await w.get('[data-testid="change-password-submit"]').trigger('click')
    await settle()
    expect(errorOf(w, 'newPassword')).toBe('新密码不能与原密码相同')
    expect(session.mustChangePassword).toBe(true)
    expect(session.viewEpoch).toBe(0)
  })

  it('forced: 退出登录 logs out and goes to the login page', async () => {
    session.mustChangePassword = true
    const w = await mountDialog(true)
    await w.get('[data-testid="change-password-logout"]').trigger('click')
    await flushPromises()
    expect(m.logout).toHaveBeenCalledTimes(1)
    expect(session.user).toBeNull()
    expect(session.mustChangePassword).toBe(false)
    expect(router.currentRoute.value.path).toBe('/login')
  })
})

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElOption, ElSelect, ElSwitch } from 'element-plus'

vi.mock('../api', () => ({
  codeTables: vi.fn(),
  usersList: vi.fn(),
  userCreate: vi.fn(),
  userUpdate: vi.fn(),
  userResetPassword: vi.fn(),
  userUnlock: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['showSuccess', 'showError']))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { Mode, Role, User, UserSummary } from '../api/generated'
import UsersView from './UsersView.vue'
import { resetCodeTables } from '../store/codeTables'
import { resetSession, session } from '../store/session'
import { realCodeTables } from '../test/codeTables'
import { choose, errorOf, settle } from '../test/formItems'
import { expectLimits } from '../test/textLimits'
import { ACCOUNT_LIMITS } from '../lib/fieldLimits'
import { mountScreen, unmountScreen } from '../test/mountScreen'
import { DISTRICT, readyStatus } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)
const FORBIDDEN = { code: 'auth.forbidden', message: '当前账号没有执行此操作的权限。', fields: [] }

const account = (over: Partial<UserSummary>): UserSummary => ({
  id: 'u1',
  username: 'wang',
  displayName: '王所长',
  role: 'head',
  roleLabel: '所长',
  active: true,
  lockedUntil: null,
  mustChangePassword: false,
  lastLoginAt: '2026-11-27T08:31:05+08:00',
  createdAt: '2026-01-05T10:00:00+08:00',
  ...over,
})

const USERS: UserSummary[] = [
  account({}),
  account({ id: 'u2', username: 'lisi', displayName: '李四', role: 'staff', roleLabel: '工作人员', mustChangePassword: true, lastLoginAt: null }),
  account({ id: 'u3', username: 'zhao', displayName: '赵六', role: 'staff', roleLabel: '工作人员', lockedUntil: '2026-11-27T09:41:00+08:00' }),
  account({ id: 'u4', username: 'qian', displayName: '钱七', role: 'readonly', roleLabel: '只读', active: false }),
]

function setStatus(mode: Mode, role: Role = 'head') {
  const user: User = { id: 'u1', username: 'wang', displayName: '王所长', role }
  session.status = readyStatus({
    office: mode === 'district' ? DISTRICT : { code: '420202001', name: '石港镇司法所', shortName: '石港', district: '黄石港区', mode },
    user,
    version: '',
  })
  session.user = user
}

const mountView = () => mountScreen(UsersView)

const input = (w: VueWrapper, id: string) => w.get(`input[data-testid="${id}"]`)
const rows = (w: VueWrapper) =>
  w.get('[data-testid="users-table"]').findAll('.el-table__body-wrapper tbody tr').map((r) => r.findAll('td').map((td) => td.text().replace(/\s+/g, ' ')))

function optionLabels(scope: VueWrapper): string[] {
  return scope.findAllComponents(ElOption).map((o) => o.props('label') as string)
}

beforeEach(() => {
  resetSession()
  resetCodeTables()
  vi.clearAllMocks()
  m.codeTables.mockResolvedValue(realCodeTables())
  m.usersList.mockResolvedValue(USERS)
  setStatus('township')
})

afterEach(unmountScreen)

describe('UsersView', () => {
  it('lists the accounts with their role, state, last login and a password to change', async () => {
    const w = await mountView()
    const table = w.get('[data-testid="users-table"]')
    expect(table.findAll('.el-table__header-wrapper th').map((t) => t.text())).toEqual([
      '用户名',
      '姓名',
      '角色',
      '状态',
      '上次登录',
      '密码',
      '操作',
    ])
    expect(rows(w)).toEqual([
      ['wang', '王所长本人', '所长', '正常', '2026-11-27 08:31', '—', '编辑'],
      ['lisi', '李四', '工作人员', '正常', '从未登录', '需修改密码', '编辑 重置密码'],
      ['zhao', '赵六', '工作人员', '已锁定至 09:41', '2026-11-27 08:31', '—', '编辑 重置密码 解除锁定'],
      ['qian', '钱七', '只读', '已停用', '2026-11-27 08:31', '—', '编辑 重置密码'],
    ])
    expect(w.findAll('[data-testid="users-row"]')).toHaveLength(4)
    expect(w.find('[data-testid="user-unlock-zhao"]').exists()).toBe(true)
    expect(w.find('[data-testid="user-unlock-lisi"]').exists()).toBe(false)
    // not one's own password: that is 修改密码
    expect(w.find('[data-testid="user-reset-wang"]').exists()).toBe(false)
    expect(w.find('[data-testid="forbidden"]').exists()).toBe(false)
  })

  it("shows the core's refusal instead of the list to an account that may not manage accounts", async () => {
    setStatus('township', 'staff')
    m.usersList.mockRejectedValue(FORBIDDEN)
    const w = await mountView()
    expect(w.get('[data-testid="forbidden"]').text()).toContain('当前账号没有执行此操作的权限。')
    expect(w.find('[data-testid="users-table"]').exists()).toBe(false)
    expect(w.find('[data-testid="user-new"]').exists()).toBe(false)
    expect(n.showError).not.toHaveBeenCalled()
  })

  it('shows other failures of the list as a message', async () => {
    m.usersList.mockRejectedValue({ code: 'store.db', message: '数据库读写失败', fields: [] })
    const w = await mountView()
    expect(n.showError).toHaveBeenCalledWith(expect.objectContaining({ message: '数据库读写失败' }))
    expect(w.find('[data-testid="forbidden"]').exists()).toBe(false)
    expect(w.find('[data-testid="users-table"]').exists()).toBe(true)
  })

  it('creates an account with a role of the office mode', async () => {
    const created = account({ id: 'u9', username: 'sun', displayName: '孙八', role: 'readonly', roleLabel: '只读', mustChangePassword: true })
    m.userCreate.mockResolvedValue(created)
    const w = await mountView()
    await w.get('[data-testid="user-new"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="user-new-dialog"]').exists()).toBe(true)
    expect(optionLabels(w)).toEqual(['所长', '工作人员', '只读'])
    await input(w, 'user-new-username').setValue(' sun ')
    await input(w, 'user-new-display-name').setValue(' 孙八 ')
    await choose(w, 'user-new-role', 'readonly')
    await input(w, 'user-new-password').setValue('chushi123')
    await input(w, 'user-new-password-confirm').setValue('chushi123')
    await w.get('[data-testid="user-new-save"]').trigger('click')
    await flushPromises()
    expect(m.userCreate).toHaveBeenCalledWith({ username: 'sun', displayName: '孙八', role: 'readonly', password: 'chushi123' })
    expect(n.showSuccess).toHaveBeenCalledWith('已新建账号：孙八（sun），首次登录时须修改密码')
    expect(m.usersList).toHaveBeenCalledTimes(2)
    await settle()
    expect(w.find('[data-testid="user-new-dialog"]').exists() && w.get('[data-testid="user-new-dialog"]').isVisible()).toBe(false)
  })

  it('shows the limits of user name and name, and lets the role be typed', async () => {
    const w = await mountView()
    await w.get('[data-testid="user-new"]').trigger('click')
    await flushPromises()
    const dialog = w.get('[data-testid="user-new-dialog"]')
    expectLimits(dialog, ACCOUNT_LIMITS)
    expect(dialog.getComponent(ElSelect).props('filterable')).toBe(true)
  })

  it('offers the roles of a district in district mode', async () => {
    setStatus('district', 'district_admin')
    const w = await mountView()
    await w.get('[data-testid="user-new"]').trigger('click')
    await flushPromises()
    expect(optionLabels(w)).toEqual(['区局管理员', '工作人员', '只读'])
  })

  it("keeps an account's own role among the choices should the mode not offer it", async () => {
    setStatus('district', 'district_admin')
    const w = await mountView()
    await w.get('[data-testid="user-edit-wang"]').trigger('click')
    await flushPromises()
    const role = w.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === 'user-edit-role')!
    expect(role.findAllComponents(ElOption).map((o) => o.props('label'))).toEqual(['区局管理员', '工作人员', '只读', '所长'])
  })

  it('shows the field errors of a new account under their fields', async () => {
    m.userCreate.mockRejectedValue({
      code: 'validation.duplicate',
      message: '用户名“lisi”已被使用',
      fields: [
        { field: 'username', code: 'validation.duplicate', message: '用户名“lisi”已被使用' },
        { field: 'displayName', code: 'validation.display_name', message: '请填写姓名（不超过20个字）' },
        { field: 'role', code: 'validation.role', message: '请选择角色（所长、工作人员、只读）' },
        { field: 'password', code: 'validation.password', message: '密码至少8位，且须同时包含字母和数字' },
      ],
    })
    const w = await mountView()
    await w.get('[data-testid="user-new"]').trigger('click')
    await flushPromises()
    await input(w, 'user-new-username').setValue('lisi')
    await input(w, 'user-new-password').setValue('abc')
    await input(w, 'user-new-password-confirm').setValue('abc')
    await w.get('[data-testid="user-new-save"]').trigger('click')
    await settle()
    const dialog = w.get('[data-testid="user-new-dialog"]')
    expect(errorOf(dialog, 'username')).toBe('用户名“lisi”已被使用')
    expect(errorOf(dialog, 'displayName')).toBe('请填写姓名（不超过20个字）')
    expect(errorOf(dialog, 'role')).toBe('请选择角色（所长、工作人员、只读）')
    expect(errorOf(dialog, 'password')).toBe('密码至少8位，且须同时包含字母和数字')
    expect(errorOf(dialog, 'passwordConfirm')).toBe('')
    expect(n.showSuccess).not.toHaveBeenCalled()
    // a changed field loses its error, the others keep theirs
    await input(w, 'user-new-username').setValue('lisi2')
    await settle()
    expect(errorOf(dialog, 'username')).toBe('')
    expect(errorOf(dialog, 'password')).toBe('密码至少8位，且须同时包含字母和数字')
  })

  it('checks that the two passwords agree before asking the core', async () => {
    const w = await mountView()
    await w.get('[data-testid="user-new"]').trigger('click')
    await flushPromises()
    await input(w, 'user-new-username').setValue('sun')
    await input(w, 'user-new-password').setValue('chushi123')
    await input(w, 'user-new-password-confirm').setValue('chushi124')
    await w.get('[data-testid="user-new-save"]').trigger('click')
    await settle()
    expect(errorOf(w.get('[data-testid="user-new-dialog"]'), 'passwordConfirm')).toBe('两次输入的密码不一致')
    expect(m.userCreate).not.toHaveBeenCalled()
  })

  it('edits name, role and whether the account may log in', async () => {
    m.userUpdate.mockResolvedValue(account({ id: 'u2', username: 'lisi', displayName: '李小四', role: 'readonly', roleLabel: '只读', active: false }))
    const w = await mountView()
    await w.get('[data-testid="user-edit-lisi"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="user-edit-username"]').text()).toBe('lisi')
    expect((input(w, 'user-edit-display-name').element as HTMLInputElement).value).toBe('李四')
    await input(w, 'user-edit-display-name').setValue('李小四')
    await choose(w, 'user-edit-role', 'readonly')
    const sw = w.getComponent(ElSwitch)
    expect(sw.props('modelValue')).toBe(true)
    expect(sw.props('disabled')).toBe(false)
    await w.get('[data-testid="user-edit-active"]').trigger('click')
    await w.get('[data-testid="user-edit-save"]').trigger('click')
    await flushPromises()
    expect(m.userUpdate).toHaveBeenCalledWith('u2', { displayName: '李小四', role: 'readonly', active: false })
    expect(n.showSuccess).toHaveBeenCalledWith('已保存：李小四（lisi）')
    expect(m.usersList).toHaveBeenCalledTimes(2)
  })

  it("does not offer to change one's own role or to disable oneself", async () => {
    const w = await mountView()
    await w.get('[data-testid="user-edit-wang"]').trigger('click')
    await flushPromises()
    expect(w.getComponent(ElSwitch).props('disabled')).toBe(true)
    const role = w.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === 'user-edit-role')!
    expect(role.props('disabled')).toBe(true)
    expect(w.get('[data-testid="user-edit-dialog"]').text()).toContain('不能更改自己的角色')
  })

  it('shows the field errors of a change under their fields', async () => {
    m.userUpdate.mockRejectedValue({
      code: 'user.self',
      message: '不能停用自己的账号，也不能更改自己的角色',
      fields: [
        { field: 'displayName', code: 'validation.display_name', message: '请填写姓名（不超过20个字）' },
        { field: 'active', code: 'user.self', message: '不能停用自己的账号，也不能更改自己的角色' },
      ],
    })
    const w = await mountView()
    await w.get('[data-testid="user-edit-qian"]').trigger('click')
    await flushPromises()
    await input(w, 'user-edit-display-name').setValue('')
    await w.get('[data-testid="user-edit-save"]').trigger('click')
    await settle()
    const dialog = w.get('[data-testid="user-edit-dialog"]')
    expect(errorOf(dialog, 'displayName')).toBe('请填写姓名（不超过20个字）')
    expect(errorOf(dialog, 'active')).toBe('不能停用自己的账号，也不能更改自己的角色')
    expect(errorOf(dialog, 'role')).toBe('')
  })

  it('closes the dialog and shows the refusal when the right was lost meanwhile', async () => {
    m.userUpdate.mockRejectedValue(FORBIDDEN)
    const w = await mountView()
    await w.get('[data-testid="user-edit-lisi"]').trigger('click')
    await flushPromises()
    await w.get('[data-testid="user-edit-save"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="forbidden"]').text()).toContain('当前账号没有执行此操作的权限。')
    expect(w.find('[data-testid="users-table"]').exists()).toBe(false)
  })

  it('sets a new password for someone who forgot theirs', async () => {
    m.userResetPassword.mockResolvedValue(account({ id: 'u3', username: 'zhao', displayName: '赵六', mustChangePassword: true }))
    const w = await mountView()
    await w.get('[data-testid="user-reset-zhao"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="user-reset-who"]').text()).toContain('赵六（zhao）')
    await input(w, 'user-reset-password').setValue('xinmima88')
    await input(w, 'user-reset-password-confirm').setValue('xinmima88')
    await w.get('[data-testid="user-reset-save"]').trigger('click')
    await flushPromises()
    expect(m.userResetPassword).toHaveBeenCalledWith('u3', 'xinmima88')
    expect(n.showSuccess).toHaveBeenCalledWith('已为赵六设置新密码，对方下次登录时须修改')
    expect(m.usersList).toHaveBeenCalledTimes(2)
  })

  it('shows the field errors of a new password under it, and a mismatch under the second field', async () => {
    m.userResetPassword.mockRejectedValue({
      code: 'validation.password',
      message: '密码至少8位，且须同时包含字母和数字',
      fields: [{ field: 'password', code: 'validation.password', message: '密码至少8位，且须同时包含字母和数字' }],
    })
    const w = await mountView()
    await w.get('[data-testid="user-reset-lisi"]').trigger('click')
    await flushPromises()
    await input(w, 'user-reset-password').setValue('abc')
    await input(w, 'user-reset-password-confirm').setValue('abd')
    await w.get('[data-testid="user-reset-save"]').trigger('click')
    await settle()
    const dialog = w.get('[data-testid="user-reset-dialog"]')
    expect(errorOf(dialog, 'passwordConfirm')).toBe('两次输入的密码不一致')
    expect(m.userResetPassword).not.toHaveBeenCalled()
    await input(w, 'user-reset-password-confirm').setValue('abc')
    await w.get('[data-testid="user-reset-save"]').trigger('click')
    await settle()
    expect(errorOf(dialog, 'password')).toBe('密码至少8位，且须同时包含字母和数字')
    expect(errorOf(dialog, 'passwordConfirm')).toBe('')
  })

  it('lifts a lockout', async () => {
    m.userUnlock.mockResolvedValue(account({ id: 'u3', username: 'zhao', displayName: '赵六' }))
    const w = await mountView()
    await w.get('[data-testid="user-unlock-zhao"]').trigger('click')
    await flushPromises()
    expect(m.userUnlock).toHaveBeenCalledWith('u3')
    expect(n.showSuccess).toHaveBeenCalledWith('已解除锁定：赵六（zhao）')
    expect(m.usersList).toHaveBeenCalledTimes(2)
  })

  it('shows a failed unlock as a message', async () => {
    m.userUnlock.mockRejectedValue({ code: 'not_found', message: '账号不存在或已被删除。', fields: [] })
    const w = await mountView()
    await w.get('[data-testid="user-unlock-zhao"]').trigger('click')
    await flushPromises()
    expect(n.showError).toHaveBeenCalledWith(expect.objectContaining({ message: '账号不存在或已被删除。' }))
    expect(n.showSuccess).not.toHaveBeenCalled()
  })
})

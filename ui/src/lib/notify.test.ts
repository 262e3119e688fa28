import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('element-plus', () => ({
  ElMessage: Object.assign(vi.fn(), { closeAll: vi.fn() }),
  ElMessageBox: { confirm: vi.fn() },
}))

import { ElMessage, ElMessageBox } from 'element-plus'
import { confirmChoice, confirmDiscardUnsaved, confirmLeaveUnsaved, showError, showInfo } from './notify'

const confirm = vi.mocked(ElMessageBox.confirm)

beforeEach(() => {
  vi.clearAllMocks()
})

describe('confirmDiscardUnsaved', () => {
  it('asks with 放弃 / 继续填写 and resolves true on 放弃', async () => {
    confirm.mockResolvedValue({ action: 'confirm' } as never)
    expect(await confirmDiscardUnsaved()).toBe(true)
    expect(confirm).toHaveBeenCalledWith(
      '当前填写的内容尚未保存，确定放弃吗？',
      '未保存的内容',
      expect.objectContaining({ confirmButtonText: '放弃', cancelButtonText: '继续填写', type: 'warning' }),
    )
  })

  it('keeps the form on 继续填写, × or Esc', async () => {
    confirm.mockRejectedValue('cancel')
    expect(await confirmDiscardUnsaved()).toBe(false)
    confirm.mockRejectedValue('close')
    expect(await confirmDiscardUnsaved()).toBe(false)
  })
})

describe('confirmLeaveUnsaved', () => {
  it('names what would be lost and answers the choice', async () => {
    confirm.mockResolvedValue({ action: 'confirm' } as never)
    expect(await confirmLeaveUnsaved('本页')).toBe(true)
    expect(confirm).toHaveBeenCalledWith(
      '本页有尚未保存的修改，离开后这些修改将丢失。确定离开吗？',
      '未保存的修改',
      expect.objectContaining({ confirmButtonText: '离开', cancelButtonText: '继续编辑' }),
    )
    confirm.mockRejectedValue('cancel')
    expect(await confirmLeaveUnsaved('本页')).toBe(false)
  })
})

describe('showError', () => {
  it('shows the Chinese message of a failure', () => {
    const err = showError({ code: 'store.db', message: '数据库读写失败', fields: [] })
    expect(err.code).toBe('store.db')
    expect(ElMessage).toHaveBeenCalledWith(expect.objectContaining({ type: 'error', message: '数据库读写失败' }))
  })

  it('leaves the lock and the forced password change to the window: no message of their own', () => {
    const locked = showError({ code: 'auth.session_locked', message: '屏幕已锁定，请输入密码解锁。', fields: [] })
    const pw = showError({ code: 'auth.password_change_required', message: '请先修改密码', fields: [] })
    expect(locked.code).toBe('auth.session_locked')
    expect(pw.code).toBe('auth.password_change_required')
    expect(ElMessage).not.toHaveBeenCalled()
  })
})

describe('confirmChoice', () => {
  it('offers the change with its own two buttons and answers the choice', async () => {
    confirm.mockResolvedValue({ action: 'confirm' } as never)
    expect(await confirmChoice('是否将协议的履行情况改为“已履行”？', '协议履行情况', '改为“已履行”', '不改')).toBe(true)
    expect(confirm).toHaveBeenCalledWith(
      '是否将协议的履行情况改为“已履行”？',
      '协议履行情况',
      expect.objectContaining({ confirmButtonText: '改为“已履行”', cancelButtonText: '不改', type: 'info' }),
    )
    confirm.mockRejectedValue('cancel')
    expect(await confirmChoice('？', '标题', '改', '不改')).toBe(false)
    confirm.mockRejectedValue('close')
    expect(await confirmChoice('？', '标题', '改', '不改')).toBe(false)
  })

  it('warns with the warning icon when asked to', async () => {
    confirm.mockResolvedValue({ action: 'confirm' } as never)
    expect(await confirmChoice('本月尚未结束……', '本月尚未结束', '仍然导出', '取消', 'warning')).toBe(true)
    expect(confirm).toHaveBeenLastCalledWith(
      '本月尚未结束……',
      '本月尚未结束',
      expect.objectContaining({ confirmButtonText: '仍然导出', cancelButtonText: '取消', type: 'warning' }),
    )
  })
})

describe('showInfo', () => {
  it('tells the user what the window did, below the header', () => {
    showInfo('协议的履行情况已填为“已履行”')
    expect(ElMessage).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'info', message: '协议的履行情况已填为“已履行”', offset: 72 }),
    )
  })
})

import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('element-plus', () => ({
  ElMessage: Object.assign(vi.fn(), { closeAll: vi.fn() }),
  ElMessageBox: { confirm: vi.fn() },
}))

import { ElMessageBox } from 'element-plus'
import { confirmDiscardUnsaved, confirmLeaveUnsaved } from './notify'

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

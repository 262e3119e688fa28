import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'

vi.mock('../api', () => ({ batchPickFolder: vi.fn() }))
vi.mock('../lib/notify', () => ({ showError: vi.fn((e: unknown) => e) }))

import * as api from '../api'
import * as notify from '../lib/notify'
import { useFolderPicker } from './useFolderPicker'

beforeEach(() => vi.clearAllMocks())

describe('useFolderPicker', () => {
  it("opens the batch export's dialog at the folder typed so far and fills in the choice", async () => {
    vi.mocked(api.batchPickFolder).mockResolvedValue('E:\\报送')
    const folder = ref('  D:\\旧  ')
    const { pickFolder } = useFolderPicker(folder)
    await pickFolder()
    expect(api.batchPickFolder).toHaveBeenCalledWith('D:\\旧')
    expect(folder.value).toBe('E:\\报送')
  })

  it('uses the dialog it is given, and keeps the folder when cancelled', async () => {
    const pick = vi.fn().mockResolvedValue(null)
    const folder = ref('')
    const { pickFolder } = useFolderPicker(folder, pick)
    await pickFolder()
    expect(pick).toHaveBeenCalledWith(null)
    expect(api.batchPickFolder).not.toHaveBeenCalled()
    expect(folder.value).toBe('')
  })

  it('ignores clicks while the dialog is open, and shows a failure', async () => {
    let answer: (v: string | null) => void = () => {}
    const pick = vi.fn(() => new Promise<string | null>((r) => (answer = r)))
    const folder = ref('')
    const { picking, pickFolder } = useFolderPicker(folder, pick)
    const first = pickFolder()
    expect(picking.value).toBe(true)
    await pickFolder()
    expect(pick).toHaveBeenCalledTimes(1)
    answer('F:\\')
    await first
    expect(picking.value).toBe(false)
    expect(folder.value).toBe('F:\\')

    const err = { code: 'auth.forbidden', message: '当前账号没有执行此操作的权限。', fields: [] }
    pick.mockRejectedValueOnce(err)
    await pickFolder()
    expect(notify.showError).toHaveBeenCalledWith(err)
    expect(folder.value).toBe('F:\\')
  })
})

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref, type EffectScope } from 'vue'
import { AMEND_REASON_FIELD, RECORD_CLOSED_CODE, RECORD_CLOSED_MESSAGE, useAmendClosed } from './useAmendClosed'
import { resetSession, session } from '../store/session'
import { HEAD, STAFF, logIn } from '../test/session'

interface Rec {
  id: string
  closed: boolean
}

let scope: EffectScope | null = null

function setup(initial: Rec | null, part?: string) {
  const record = ref<Rec | null>(initial)
  const save = vi.fn()
  scope = effectScope()
  const amend = scope.run(() => useAmendClosed({ record: () => record.value, save, part }))!
  return { record, save, amend }
}

const refusal = (message = '该记录已结案，修改前请填写修改原因', code = 'validation.amend_reason') => ({
  code,
  message,
  fields: [{ field: AMEND_REASON_FIELD, code, message }],
})

beforeEach(() => {
  resetSession()
  logIn(STAFF)
})

afterEach(() => {
  scope?.stop()
  scope = null
})

describe('useAmendClosed', () => {
  it('a new or open record is neither read-only nor amended, and its save sends no reason', async () => {
    const { amend } = setup(null)
    expect(amend.closed.value).toBe(false)
    expect(amend.readOnly.value).toBe(false)
    expect(amend.amending.value).toBe(false)
    expect(amend.pausesSave.value).toBe(false)
    expect(amend.part).toBe('内容')
    const send = vi.fn(async (reason: string | undefined) => ({ reason }))
    await expect(amend.update(send)).resolves.toEqual({ reason: undefined })
    expect(send).toHaveBeenCalledWith(undefined)
  })

  it('a closed record is read-only: Ctrl+S pauses, and a save is refused without calling the core', async () => {
    const { amend } = setup({ id: 'r1', closed: true }, '对象信息')
    expect(amend.closed.value).toBe(true)
    expect(amend.readOnly.value).toBe(true)
    expect(amend.pausesSave.value).toBe(true)
    expect(amend.part).toBe('对象信息')
    const send = vi.fn()
    await expect(amend.update(send)).rejects.toEqual({ code: RECORD_CLOSED_CODE, message: RECORD_CLOSED_MESSAGE, fields: [] })
    expect(send).not.toHaveBeenCalled()
  })

  it('修改 asks for the reason; once given, the form is editable and the save sends it', async () => {
    const { amend } = setup({ id: 'r1', closed: true })
    expect(amend.canAmend.value).toBe(true)
    amend.start()
    expect(amend.dialogOpen.value).toBe(true)
    expect(amend.pausesSave.value).toBe(true)
    // An empty reason changes nothing (the dialog says so itself).
    amend.confirm('   ')
    expect(amend.dialogOpen.value).toBe(true)
    expect(amend.amending.value).toBe(false)
    amend.confirm('  当事人姓名录入有误  ')
    expect(amend.dialogOpen.value).toBe(false)
    expect(amend.reason.value).toBe('当事人姓名录入有误')
    expect(amend.amending.value).toBe(true)
    expect(amend.readOnly.value).toBe(false)
    expect(amend.pausesSave.value).toBe(false)

    const send = vi.fn(async (reason: string | undefined) => ({ id: 'r1', reason }))
    await expect(amend.update(send)).resolves.toEqual({ id: 'r1', reason: '当事人姓名录入有误' })
    // Saved: the reason is given up, and the record, still closed, is read-only again.
    expect(amend.reason.value).toBeNull()
    expect(amend.readOnly.value).toBe(true)
  })

  it('a 只读 account, or nobody logged in, gets no dialog', () => {
    const { amend } = setup({ id: 'r1', closed: true })
    logIn({ ...HEAD, role: 'readonly' })
    expect(amend.canAmend.value).toBe(false)
    amend.start()
    expect(amend.dialogOpen.value).toBe(false)
    session.user = null
    expect(amend.canAmend.value).toBe(false)
  })

  it('a reason the core refuses opens the dialog again with its error; 确定 saves again', async () => {
    const { amend, save } = setup({ id: 'r1', closed: true })
    amend.start()
    amend.confirm(' ')
    amend.confirm('x')
    const refused = refusal('修改原因不能超过200个字（当前201个字）', 'validation.too_long')
    refused.fields.push({ field: 'summary', code: 'required', message: '请填写简要情况' })
    const send = vi.fn().mockRejectedValue(refused)
    const err = await amend.update(send).catch((e) => e)
    // The dialog shows the reason's error; the form goes on with the rest.
    expect(err).toEqual({ ...refused, fields: [{ field: 'summary', code: 'required', message: '请填写简要情况' }] })
    expect(amend.dialogOpen.value).toBe(true)
    expect(amend.dialogError.value).toBe('修改原因不能超过200个字（当前201个字）')
    expect(amend.reason.value).toBe('x')
    expect(save).not.toHaveBeenCalled()

    amend.confirm('依据判决书更正')
    expect(amend.reason.value).toBe('依据判决书更正')
    expect(amend.dialogError.value).toBe('')
    expect(save).toHaveBeenCalledTimes(1)
    // 修改 again later: no save of its own.
    amend.start()
    amend.confirm('再次更正')
    expect(save).toHaveBeenCalledTimes(1)
  })

  it('closing the dialog opened by a refusal does not save on the next 确定', async () => {
    const { amend, save } = setup({ id: 'r1', closed: true })
    amend.start()
    amend.confirm('原因')
    await amend.update(vi.fn().mockRejectedValue(refusal())).catch(() => undefined)
    expect(amend.dialogOpen.value).toBe(true)
    amend.dialogOpen.value = false
    await nextTick()
    amend.dialogOpen.value = true
    amend.confirm('新的原因')
    expect(save).not.toHaveBeenCalled()
  })

  it('a refusal for a record the window took as open asks for the reason too', async () => {
    const { amend } = setup({ id: 'r1', closed: false })
    await amend.update(vi.fn().mockRejectedValue(refusal())).catch(() => undefined)
    expect(amend.dialogOpen.value).toBe(true)
    expect(amend.dialogError.value).toBe('该记录已结案，修改前请填写修改原因')
    amend.confirm('补录')
    const send = vi.fn(async (reason: string | undefined) => reason)
    await expect(amend.update(send)).resolves.toBe('补录')
  })

  it('other failures pass on as they came, and the reason stays for the next try', async () => {
    const { amend } = setup({ id: 'r1', closed: true })
    amend.start()
    amend.confirm('更正')
    const conflict = { code: 'conflict.version', message: '案件已被他人修改，请重新加载', fields: [] }
    await expect(amend.update(vi.fn().mockRejectedValue(conflict))).rejects.toBe(conflict)
    expect(amend.dialogOpen.value).toBe(false)
    expect(amend.reason.value).toBe('更正')
    expect(amend.readOnly.value).toBe(false)
  })

  it('another record opened asks for its own 修改', async () => {
    const { amend, record } = setup({ id: 'r1', closed: true })
    amend.start()
    amend.confirm('更正')
    // The same record answered again (an event saved): the reason stays.
    record.value = { id: 'r1', closed: true }
    await nextTick()
    expect(amend.reason.value).toBe('更正')
    record.value = { id: 'r2', closed: true }
    await nextTick()
    expect(amend.reason.value).toBeNull()
    expect(amend.readOnly.value).toBe(true)
  })
})

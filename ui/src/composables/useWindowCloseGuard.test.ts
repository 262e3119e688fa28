import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, nextTick, ref } from 'vue'

vi.mock('../api', () => ({
  windowSetUnsaved: vi.fn(),
  windowClose: vi.fn(),
  onCloseRequested: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => ({
  ...(await orig<typeof import('../lib/notify')>()),
  confirmLeaveUnsaved: vi.fn(),
}))

import * as api from '../api'
import * as notify from '../lib/notify'
import { resetUnsavedChanges, useUnsavedChanges } from './useUnsavedChanges'
import { useWindowCloseGuard } from './useWindowCloseGuard'

const m = vi.mocked(api)
const n = vi.mocked(notify)
const dirty = ref(false)
let closeRequested: () => void = () => {}
const stopListening = vi.fn()
let wrapper: VueWrapper | null = null

const Window = defineComponent({
  setup() {
    useWindowCloseGuard()
    return () => h(defineComponent({ setup: () => (useUnsavedChanges(() => dirty.value, '本案件', { guardRoute: false }), () => h('div')) }))
  },
})

beforeEach(() => {
  vi.clearAllMocks()
  dirty.value = false
  m.windowSetUnsaved.mockResolvedValue(null)
  m.windowClose.mockResolvedValue(null)
  m.onCloseRequested.mockImplementation(async (handler) => {
    closeRequested = handler
    return stopListening
  })
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  resetUnsavedChanges()
})

describe('closing the window', () => {
  it('tells the shell whenever unsaved work comes and goes', async () => {
    wrapper = mount(Window)
    await flushPromises()
    expect(m.windowSetUnsaved).toHaveBeenLastCalledWith(false)
    dirty.value = true
    await nextTick()
    expect(m.windowSetUnsaved).toHaveBeenLastCalledWith(true)
    dirty.value = false
    await nextTick()
    expect(m.windowSetUnsaved).toHaveBeenLastCalledWith(false)
  })

  it('asks when the shell holds the window; 继续编辑 keeps it open', async () => {
    wrapper = mount(Window)
    await flushPromises()
    dirty.value = true
    n.confirmLeaveUnsaved.mockResolvedValue(false)
    closeRequested()
    await flushPromises()
    expect(n.confirmLeaveUnsaved).toHaveBeenCalledWith('本案件', '关闭窗口')
    expect(m.windowClose).not.toHaveBeenCalled()
  })

  it('closes the window after 放弃修改并关闭窗口', async () => {
    wrapper = mount(Window)
    await flushPromises()
    dirty.value = true
    n.confirmLeaveUnsaved.mockResolvedValue(true)
    closeRequested()
    await flushPromises()
    expect(m.windowClose).toHaveBeenCalledTimes(1)
  })

  it('asks once however often the window is closed while the question is open', async () => {
    wrapper = mount(Window)
    await flushPromises()
    dirty.value = true
    let answer: (v: boolean) => void = () => {}
    n.confirmLeaveUnsaved.mockImplementation(() => new Promise((r) => (answer = r)))
    closeRequested()
    closeRequested()
    await flushPromises()
    expect(n.confirmLeaveUnsaved).toHaveBeenCalledTimes(1)
    answer(true)
    await flushPromises()
    expect(m.windowClose).toHaveBeenCalledTimes(1)
  })

  it("stops listening when the window's page goes", async () => {
    wrapper = mount(Window)
    await flushPromises()
    wrapper.unmount()
    wrapper = null
    expect(stopListening).toHaveBeenCalledTimes(1)
  })
})

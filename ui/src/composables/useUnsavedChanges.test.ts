import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import { RouterView, createMemoryHistory, createRouter, type Router } from 'vue-router'

vi.mock('../lib/notify', async (orig) => ({
  ...(await orig<typeof import('../lib/notify')>()),
  confirmLeaveUnsaved: vi.fn(),
}))

import * as notify from '../lib/notify'
import {
  confirmEndingWithUnsavedWork,
  hasUnsavedWork,
  resetUnsavedChanges,
  unsavedWorkText,
  useUnsavedChanges,
} from './useUnsavedChanges'

const n = vi.mocked(notify)
/** What the form on screen holds, and what it held when saved. */
const typed = ref('')
const saved = ref('')
let allowLeave: () => void = () => {}

const Form = defineComponent({
  setup() {
    allowLeave = useUnsavedChanges(() => typed.value !== saved.value, '本案件').allowLeave
    return () => h('div', { 'data-testid': 'form' })
  },
})
const Dialog = defineComponent({
  setup() {
    useUnsavedChanges(() => typed.value.length > 5, '正在登记的事项', { guardRoute: false })
    return () => h('div')
  },
})

let wrapper: VueWrapper | null = null
let router: Router

async function mountForm(withDialog = false) {
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/form', component: withDialog ? { render: () => h('div', [h(Form), h(Dialog)]) } : Form },
      { path: '/list', component: { render: () => h('div', 'list') } },
    ],
  })
  await router.push('/form')
  await router.isReady()
  wrapper = mount({ render: () => h(RouterView) }, { global: { plugins: [router] } })
  await flushPromises()
}

beforeEach(() => {
  typed.value = ''
  saved.value = ''
  n.confirmLeaveUnsaved.mockReset()
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  resetUnsavedChanges()
})

describe('unsaved changes', () => {
  it('ends the session at once when nothing is unsaved', async () => {
    await mountForm()
    expect(hasUnsavedWork()).toBe(false)
    expect(await confirmEndingWithUnsavedWork('退出登录')).toBe(true)
    expect(n.confirmLeaveUnsaved).not.toHaveBeenCalled()
  })

  it('asks before 退出登录 with a form changed; 继续编辑 keeps the work and its guard', async () => {
    await mountForm()
    typed.value = '张三与李四因排水沟堵塞发生纠纷'
    expect(hasUnsavedWork()).toBe(true)
    n.confirmLeaveUnsaved.mockResolvedValue(false)
    expect(await confirmEndingWithUnsavedWork('退出登录')).toBe(false)
    expect(n.confirmLeaveUnsaved).toHaveBeenCalledWith('本案件', '退出登录')
    expect(hasUnsavedWork()).toBe(true)
    // Leaving the page still asks.
    await router.push('/list')
    await flushPromises()
    expect(n.confirmLeaveUnsaved).toHaveBeenLastCalledWith('本案件')
    expect(router.currentRoute.value.path).toBe('/form')
  })

  it('放弃 lets the form go without a second question', async () => {
    await mountForm()
    typed.value = '改了'
    n.confirmLeaveUnsaved.mockResolvedValue(true)
    expect(await confirmEndingWithUnsavedWork('关闭窗口')).toBe(true)
    expect(hasUnsavedWork()).toBe(false)
    await router.push('/list')
    await flushPromises()
    expect(n.confirmLeaveUnsaved).toHaveBeenCalledTimes(1)
    expect(router.currentRoute.value.path).toBe('/list')
  })

  it('asks before leaving the page, and not once saved or allowed', async () => {
    await mountForm()
    typed.value = '改了'
    n.confirmLeaveUnsaved.mockResolvedValue(false)
    await router.push('/list')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/form')
    saved.value = typed.value
    await router.push('/list')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/list')
    expect(n.confirmLeaveUnsaved).toHaveBeenCalledTimes(1)

    await router.push('/form')
    await flushPromises()
    typed.value = '又改了'
    allowLeave()
    await router.push('/list')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/list')
    expect(n.confirmLeaveUnsaved).toHaveBeenCalledTimes(1)
  })

  it('names every place with unsaved work; a dialog does not guard the route itself', async () => {
    await mountForm(true)
    typed.value = '改了'
    expect(unsavedWorkText()).toBe('本案件')
    typed.value = '张三与李四因排水沟堵塞'
    expect(unsavedWorkText()).toBe('本案件和正在登记的事项')
    n.confirmLeaveUnsaved.mockResolvedValue(false)
    await router.push('/list')
    await flushPromises()
    // One question (the page's), not one per place.
    expect(n.confirmLeaveUnsaved).toHaveBeenCalledTimes(1)
  })

  it('forgets a place once it is gone from the screen', async () => {
    await mountForm()
    typed.value = '改了'
    wrapper?.unmount()
    wrapper = null
    expect(hasUnsavedWork()).toBe(false)
  })
})

import { afterEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { h, ref } from 'vue'
import RecordEditorNotices from './RecordEditorNotices.vue'

enableAutoUnmount(afterEach)

function editor() {
  return {
    form: ref<object | null>({}),
    conflict: ref(false),
    loadFailed: ref(false),
    unmatchedErrors: ref<string[]>([]),
    reloadLatest: vi.fn(),
    backToList: vi.fn(),
  }
}

function mountNotices(e: ReturnType<typeof editor>) {
  const wrapper = mount({
    render: () =>
      h('div', [h(RecordEditorNotices, { editor: e, name: 'legal-aid', noun: '申请' }, { default: () => h('section', { 'data-testid': 'between' }) })]),
  })
  return wrapper
}

describe('RecordEditorNotices', () => {
  it('shows nothing of its own while all is well', () => {
    const w = mountNotices(editor())
    expect(w.find('.case-conflict').exists()).toBe(false)
    expect(w.find('.form-unmatched').exists()).toBe(false)
    expect(w.find('.case-load-failed').exists()).toBe(false)
    expect(w.find('[data-testid="between"]').exists()).toBe(true)
  })

  it('says a save was refused for a change made meanwhile, and reloads the record on request', async () => {
    const e = editor()
    e.conflict.value = true
    const w = mountNotices(e)
    const alert = w.get('[data-testid="legal-aid-conflict"]')
    expect(alert.classes()).toContain('case-conflict')
    expect(alert.find('.el-alert--error').exists() || alert.classes().includes('el-alert--error')).toBe(true)
    expect(alert.text()).toContain('此申请在您打开后已被修改，本次修改未保存。')
    expect(alert.text()).toContain('可以重新加载最新内容后再修改（本页未保存的修改将丢失）。')
    const reload = w.get('[data-testid="legal-aid-reload"]')
    expect(reload.text()).toBe('重新加载')
    await reload.trigger('click')
    expect(e.reloadLatest).toHaveBeenCalledTimes(1)
  })

  it('lists the errors no field shows, after what the screen puts below the conflict', () => {
    const e = editor()
    e.conflict.value = true
    e.unmatchedErrors.value = ['受理日期不能晚于今天']
    const w = mountNotices(e)
    const list = w.get('[data-testid="legal-aid-unmatched-errors"]')
    expect(list.classes()).toEqual(['form-unmatched'])
    expect(list.find('li').text()).toBe('受理日期不能晚于今天')
    const html = w.html()
    const at = (testid: string) => html.indexOf(`data-testid="${testid}"`)
    expect(at('legal-aid-conflict')).toBeGreaterThan(-1)
    expect(at('between')).toBeGreaterThan(at('legal-aid-conflict'))
    expect(at('legal-aid-unmatched-errors')).toBeGreaterThan(at('between'))
  })

  it('offers the way back to the list when the record could not be opened', async () => {
    const e = editor()
    e.loadFailed.value = true
    e.form.value = null
    const w = mountNotices(e)
    const failed = w.get('.case-load-failed')
    expect(failed.text()).toContain('无法打开此申请')
    await failed.get('button').trigger('click')
    expect(e.backToList).toHaveBeenCalledTimes(1)
  })

  it('not once a form shows', () => {
    const e = editor()
    e.loadFailed.value = true
    expect(mountNotices(e).find('.case-load-failed').exists()).toBe(false)
  })
})

import { afterEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { computed, h, ref } from 'vue'
import type { AmendClosedState } from '../composables/useAmendClosed'
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

describe('RecordEditorNotices (a closed record)', () => {
  function amendState(over: { readOnly?: boolean; reason?: string | null; canAmend?: boolean; part?: string } = {}) {
    const reason = ref<string | null>(over.reason ?? null)
    const dialogOpen = ref(false)
    const state: AmendClosedState = {
      closed: ref(true),
      readOnly: ref(over.readOnly ?? reason.value === null),
      amending: computed(() => reason.value !== null),
      canAmend: ref(over.canAmend ?? true),
      reason,
      dialogOpen,
      dialogError: ref(''),
      part: over.part ?? '内容',
      start: vi.fn(() => {
        dialogOpen.value = true
      }),
      confirm: vi.fn(),
    }
    return state
  }

  function mountWith(amend: AmendClosedState, e = editor()) {
    return mount({ render: () => h('div', [h(RecordEditorNotices, { editor: e, name: 'case', noun: '案件', amend })]) }, { attachTo: document.body })
  }

  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('says a closed record is read-only, first, and 修改 asks for the reason', async () => {
    const amend = amendState()
    const e = editor()
    e.conflict.value = true
    const w = mountWith(amend, e)
    const notice = w.get('[data-testid="record-closed-notice"]')
    expect(notice.classes()).toContain('record-closed-notice')
    expect(notice.find('.el-alert--info').exists() || notice.classes().includes('el-alert--info')).toBe(true)
    expect(notice.get('.el-alert__title').text()).toBe('本案已结案，内容为只读。如需更正，请点击「修改」并写明原因（将记入操作日志）。')
    const html = w.html()
    expect(html.indexOf('data-testid="record-closed-notice"')).toBeLessThan(html.indexOf('data-testid="case-conflict"'))
    const button = w.get('[data-testid="record-amend"]')
    expect(button.text()).toBe('修改')
    expect(button.classes()).toContain('el-button--primary')
    expect(w.find('[data-testid="amend-dialog"]').exists()).toBe(false)
    await button.trigger('click')
    await flushPromises()
    expect(amend.start).toHaveBeenCalledTimes(1)
    expect(w.find('[data-testid="amend-dialog"]').exists()).toBe(true)
    await w.get('[data-testid="amend-reason"]').setValue('当事人姓名录入有误')
    await w.get('[data-testid="amend-confirm"]').trigger('click')
    expect(amend.confirm).toHaveBeenCalledWith('当事人姓名录入有误')
  })

  it('names what is read-only when only part of the screen is', () => {
    const w = mountWith(amendState({ part: '对象信息' }))
    expect(w.get('[data-testid="record-closed-notice"] .el-alert__title').text()).toBe(
      '本案已结案，对象信息为只读。如需更正，请点击「修改」并写明原因（将记入操作日志）。',
    )
  })

  it('offers no 修改 to an account that cannot change records', () => {
    const w = mountWith(amendState({ canAmend: false }))
    expect(w.get('[data-testid="record-closed-notice"]').text()).toBe('本案已结案，内容为只读。')
    expect(w.find('[data-testid="record-amend"]').exists()).toBe(false)
    expect(w.find('[data-testid="record-amend-reason-change"]').exists()).toBe(false)
  })

  it('while the record is changed, names the reason being used, which can be changed', async () => {
    const amend = amendState({ reason: '依据判决书更正罪名' })
    const w = mountWith(amend)
    const notice = w.get('[data-testid="record-closed-notice"]')
    expect(notice.find('.el-alert--warning').exists() || notice.classes().includes('el-alert--warning')).toBe(true)
    expect(notice.get('.el-alert__title').text()).toBe('正在修改已结案记录，原因：依据判决书更正罪名')
    expect(notice.text()).toContain('保存时，原因将记入操作日志。')
    expect(w.find('[data-testid="record-amend"]').exists()).toBe(false)
    const change = w.get('[data-testid="record-amend-reason-change"]')
    expect(change.text()).toBe('更改原因')
    await change.trigger('click')
    await flushPromises()
    expect(amend.start).toHaveBeenCalledTimes(1)
    expect((w.get('[data-testid="amend-reason"]').element as HTMLTextAreaElement).value).toBe('依据判决书更正罪名')
  })

  it('shows nothing for a record that is not closed', () => {
    const amend = amendState({ readOnly: false })
    const w = mountWith(amend)
    expect(w.find('[data-testid="record-closed-notice"]').exists()).toBe(false)
  })
})

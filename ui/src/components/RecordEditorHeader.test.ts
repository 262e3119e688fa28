import { afterEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, mount, type VueWrapper } from '@vue/test-utils'
import { h, ref } from 'vue'
import type { RecordStamp } from '../composables/useRecordEditor'
import RecordEditorHeader from './RecordEditorHeader.vue'

enableAutoUnmount(afterEach)

const SAVED: RecordStamp = {
  createdAt: '2026-11-27T09:05:00+08:00',
  createdBy: 'system',
  updatedAt: '2026-11-28T14:30:00+08:00',
  updatedBy: 'wang',
}

function editor(current: RecordStamp | null, form: object | null = {}) {
  return { form: ref(form), current: ref(current), saving: ref(false), save: vi.fn(), backToList: vi.fn(), remove: vi.fn() }
}

function mountHeader(props: InstanceType<typeof RecordEditorHeader>['$props']) {
  const wrapper = mount({ render: () => h('div', [h(RecordEditorHeader, props, { default: () => h('h1', { class: 'page-title' }, '标题') })]) })
  return wrapper
}

const buttons = (w: VueWrapper, where: string) => w.findAll(`${where} button`).map((b) => b.attributes('data-testid'))

describe('RecordEditorHeader', () => {
  it('a new record: the title, 保存 and 返回列表, and how to save', async () => {
    const e = editor(null)
    const w = mountHeader({ editor: e, name: 'legal-aid', createdHint: '保存后自动生成申请编号。' })
    expect(w.get('.case-toolbar__title').html()).toContain('<h1 class="page-title">标题</h1>')
    expect(buttons(w, '.case-toolbar__title')).toEqual([])
    expect(buttons(w, '.case-toolbar__actions')).toEqual(['legal-aid-save', 'legal-aid-back'])
    expect(w.get('[data-testid="legal-aid-save"]').text()).toBe('保存')
    expect(w.get('[data-testid="legal-aid-save"]').classes()).toContain('el-button--primary')
    expect(w.get('[data-testid="legal-aid-back"]').text()).toBe('返回列表')
    expect(w.find('[data-testid="legal-aid-meta"]').exists()).toBe(false)
    const hint = w.get('.case-meta')
    expect(hint.classes()).toContain('text-muted')
    expect(hint.text()).toBe('填写完成后点击“保存”，或按 Ctrl+S。保存后自动生成申请编号。')

    await w.get('[data-testid="legal-aid-save"]').trigger('click')
    await w.get('[data-testid="legal-aid-back"]').trigger('click')
    expect(e.save).toHaveBeenCalledTimes(1)
    expect(e.backToList).toHaveBeenCalledTimes(1)
  })

  it('a saved record: 删除, and who created and last changed it', async () => {
    const e = editor(SAVED)
    const w = mountHeader({ editor: e, name: 'case' })
    expect(buttons(w, '.case-toolbar__actions')).toEqual(['case-save', 'case-back', 'case-delete'])
    const del = w.get('[data-testid="case-delete"]')
    expect(del.text()).toBe('删除')
    expect(del.classes()).toEqual(expect.arrayContaining(['el-button--danger', 'is-plain']))
    await del.trigger('click')
    expect(e.remove).toHaveBeenCalledTimes(1)
    const meta = w.get('[data-testid="case-meta"]')
    expect(meta.classes()).toEqual(['case-meta'])
    expect(meta.text()).toBe('创建：2026-11-27 09:05（系统）　最后修改：2026-11-28 14:30（wang）　按 Ctrl+S 可快速保存')
    expect(meta.get('.text-muted').text()).toBe('按 Ctrl+S 可快速保存')
  })

  it('keeps 保存 from a form not there yet, and shows a save under way', async () => {
    const e = editor(null, null)
    const w = mountHeader({ editor: e, name: 'case' })
    expect(w.get('[data-testid="case-save"]').attributes('disabled')).toBeDefined()
    e.form.value = {}
    e.saving.value = true
    await w.vm.$nextTick()
    const save = w.get('[data-testid="case-save"]')
    expect(save.classes()).toContain('is-loading')
  })

  it('puts 返回列表 before the title when told', () => {
    const w = mountHeader({ editor: editor(SAVED), name: 'correction', backBesideTitle: true })
    const title = w.get('.case-toolbar__title')
    expect(title.element.firstElementChild!.getAttribute('data-testid')).toBe('correction-back')
    expect(title.element.lastElementChild!.tagName).toBe('H1')
    expect(buttons(w, '.case-toolbar__actions')).toEqual(['correction-save', 'correction-delete'])
  })

  it('keeps 保存 from a record shown read-only (closed, before 修改); 返回列表 stays', async () => {
    const e = editor(SAVED)
    const w = mountHeader({ editor: e, name: 'case', readOnly: true })
    expect(w.get('[data-testid="case-save"]').attributes('disabled')).toBeDefined()
    expect(w.get('[data-testid="case-back"]').attributes('disabled')).toBeUndefined()
    await w.get('[data-testid="case-save"]').trigger('click')
    expect(e.save).not.toHaveBeenCalled()
  })
})

import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { ElForm } from 'element-plus'
import { h, ref } from 'vue'
import RecordEditorFooter from './RecordEditorFooter.vue'

describe('RecordEditorFooter', () => {
  it('saves and goes back to the list from below the form', async () => {
    const editor = { saving: ref(false), save: vi.fn(), backToList: vi.fn() }
    const w = mount(RecordEditorFooter, { props: { editor } })
    expect(w.classes()).toEqual(['case-bottom-actions'])
    const [save, back] = w.findAll('button')
    expect(save!.text()).toBe('保存')
    expect(save!.classes()).toEqual(expect.arrayContaining(['el-button--primary', 'el-button--large']))
    expect(back!.text()).toBe('返回列表')
    await save!.trigger('click')
    await back!.trigger('click')
    expect(editor.save).toHaveBeenCalledTimes(1)
    expect(editor.backToList).toHaveBeenCalledTimes(1)
    editor.saving.value = true
    await w.vm.$nextTick()
    expect(save!.classes()).toContain('is-loading')
  })

  it('inside a form shown read-only: 保存 is off, 返回列表 still goes back', async () => {
    const editor = { saving: ref(false), save: vi.fn(), backToList: vi.fn() }
    const readOnly = ref(true)
    const w = mount({
      render: () =>
        h(ElForm, { disabled: readOnly.value }, () => h(RecordEditorFooter, { editor, readOnly: readOnly.value })),
    })
    const [save, back] = w.findAll('button')
    expect(save!.attributes('disabled')).toBeDefined()
    expect(back!.attributes('disabled')).toBeUndefined()
    await save!.trigger('click')
    await back!.trigger('click')
    expect(editor.save).not.toHaveBeenCalled()
    expect(editor.backToList).toHaveBeenCalledTimes(1)
    // Editable again (修改 with a reason): 保存 as usual.
    readOnly.value = false
    await w.vm.$nextTick()
    expect(save!.attributes('disabled')).toBeUndefined()
  })

  it('inside a form disabled for another reason, 保存 follows the form', () => {
    const editor = { saving: ref(false), save: vi.fn(), backToList: vi.fn() }
    const w = mount({ render: () => h(ElForm, { disabled: true }, () => h(RecordEditorFooter, { editor })) })
    expect(w.findAll('button')[0]!.attributes('disabled')).toBeDefined()
  })
})

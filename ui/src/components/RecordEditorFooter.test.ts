import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { ref } from 'vue'
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
})

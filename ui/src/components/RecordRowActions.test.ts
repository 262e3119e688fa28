import { afterEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { h } from 'vue'
import { ElTable } from 'element-plus'
import RecordRowActions from './RecordRowActions.vue'

enableAutoUnmount(afterEach)

const ROW = { id: 'la-1', name: '王芳' }

describe('RecordRowActions', () => {
  it('opens or deletes the row’s record, and a click on either is not a click on the row', async () => {
    const edit = vi.fn()
    const remove = vi.fn()
    const onRowClick = vi.fn()
    const wrapper = mount(
      {
        render: () =>
          h(ElTable, { data: [ROW], rowKey: 'id', onRowClick }, { default: () => h(RecordRowActions, { name: 'legal-aid', edit, remove }) }),
      },
      { attachTo: document.body },
    )
    await flushPromises()
    const header = wrapper.get('.el-table__header th')
    expect(header.text()).toBe('操作')
    const editButton = wrapper.get('[data-testid="legal-aid-edit-la-1"]')
    const deleteButton = wrapper.get('[data-testid="legal-aid-delete-la-1"]')
    expect(editButton.text()).toBe('编辑')
    expect(editButton.classes()).toEqual(expect.arrayContaining(['is-link', 'el-button--primary']))
    expect(deleteButton.text()).toBe('删除')
    expect(deleteButton.classes()).toEqual(expect.arrayContaining(['is-link', 'el-button--danger']))
    await editButton.trigger('click')
    await deleteButton.trigger('click')
    expect(edit).toHaveBeenCalledWith(ROW)
    expect(remove).toHaveBeenCalledWith(ROW)
    expect(onRowClick).not.toHaveBeenCalled()
  })
})

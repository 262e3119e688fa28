import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, ref, withDirectives, vModelText } from 'vue'
import { RouterView, createMemoryHistory, createRouter, type Router } from 'vue-router'

vi.mock('../api', () => ({
  codeTables: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => {
  const { normaliseError } = await import('../api/errors')
  return {
    ...(await orig<typeof import('../lib/notify')>()),
    confirmDelete: vi.fn(),
    confirmLeaveUnsaved: vi.fn(),
    showSuccess: vi.fn(),
    showError: vi.fn((e: unknown) => normaliseError(e)),
  }
})

import * as api from '../api'
import * as notify from '../lib/notify'
import FormField from '../components/FormField.vue'
import { resetCodeTables } from '../store/codeTables'
import { realCodeTables } from '../test/codeTables'
import { useRecordEditor } from './useRecordEditor'
import { resetUnsavedChanges } from './useUnsavedChanges'

const m = vi.mocked(api)
const n = vi.mocked(notify)

/** A 人民调解 case reduced to what the editor deals with: the form keeps the mediators as one text. */
interface CaseRecord {
  id: string
  version: number
  caseNo: string
  summary: string
  mediators: string[]
}
type CaseInput = Pick<CaseRecord, 'summary' | 'mediators'>
interface CaseForm {
  summary: string
  mediators: string
}

const ID = '0193a0b0-0000-7000-8000-000000000001'
const saved = (over: Partial<CaseRecord> = {}): CaseRecord => ({
  id: ID,
  version: 3,
  caseNo: '（2026）石调字第3号',
  summary: '邻里纠纷',
  mediators: ['王五', '赵六'],
  ...over,
})

const commands = {
  get: vi.fn<(id: string) => Promise<CaseRecord>>(),
  create: vi.fn<(input: CaseInput) => Promise<CaseRecord>>(),
  update: vi.fn<(id: string, version: number, input: CaseInput) => Promise<CaseRecord>>(),
  remove: vi.fn<(id: string, version: number) => Promise<unknown>>(),
}
const onRecord = vi.fn()
const onNewForm = vi.fn()
const paused = ref(false)

let editor!: ReturnType<typeof useRecordEditor<CaseRecord, CaseInput, CaseForm>>

const Editor = defineComponent({
  setup() {
    const formRoot = ref<HTMLElement | null>(null)
    editor = useRecordEditor<CaseRecord, CaseInput, CaseForm>({
      formRoot,
      routeName: 'case',
      recordPath: (id) => `/cases/${encodeURIComponent(id)}`,
      listRoute: () => ({ path: '/cases', query: { state: 'accepted' } }),
      subject: '本案件',
      kind: '案件',
      recordName: (c) => c.caseNo,
      createdMessage: (c) => `已保存，案件编号：${c.caseNo}`,
      commands,
      emptyForm: () => ({ summary: '', mediators: '' }),
      toForm: (c) => ({ summary: c.summary, mediators: c.mediators.join('、') }),
      toInput: (f) => ({ summary: f.summary, mediators: f.mediators.split('、').filter((x) => x) }),
      onRecord,
      onNewForm,
      shortcutPaused: () => paused.value,
    })
    return () =>
      h('div', { ref: formRoot }, [
        editor.form.value
          ? h('div', [
              h(FormField, { path: 'summary', label: '纠纷简要情况' }, () =>
                withDirectives(h('input', { 'onUpdate:modelValue': (v: string) => (editor.form.value!.summary = v) }), [
                  [vModelText, editor.form.value!.summary],
                ]),
              ),
              h(FormField, { path: 'mediators', label: '调解员' }, () => h('span', editor.form.value!.mediators)),
            ])
          : null,
      ])
  },
})

let wrapper: VueWrapper | null = null
let router: Router

async function mountAt(path: string, inRouterView = true) {
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/cases', name: 'cases', component: { render: () => h('div', { 'data-testid': 'list' }) } },
      { path: '/cases/:id', name: 'case', component: Editor },
    ],
  })
  await router.push(path)
  await router.isReady()
  wrapper = mount({ render: () => h(inRouterView ? RouterView : Editor) }, {
    global: { plugins: [router] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

/** Element Plus shows a form item's error 100 ms after its state changes. */
const settle = async () => {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 150))
}
const errorOf = (w: VueWrapper, path: string) => {
  const el = w.find(`[data-testid="field-${path}"] .el-form-item__error`)
  return el.exists() ? el.text() : ''
}
const ctrlS = (over: KeyboardEventInit = {}) =>
  window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, ...over }))

beforeEach(() => {
  resetCodeTables()
  vi.clearAllMocks()
  for (const f of [...Object.values(commands), onRecord, onNewForm]) f.mockReset()
  paused.value = false
  m.codeTables.mockResolvedValue(realCodeTables())
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  resetUnsavedChanges()
  document.body.innerHTML = ''
})

describe('useRecordEditor: loading', () => {
  it('a new record starts from the empty form, with what onNewForm sets counted as its start', async () => {
    onNewForm.mockImplementation(async (f: CaseForm) => {
      await Promise.resolve()
      f.mediators = '王五'
    })
    await mountAt('/cases/new')
    expect(m.codeTables).toHaveBeenCalledTimes(1)
    expect(commands.get).not.toHaveBeenCalled()
    expect(onNewForm).toHaveBeenCalledTimes(1)
    expect(onRecord).not.toHaveBeenCalled()
    expect(editor.isNew.value).toBe(true)
    expect(editor.current.value).toBeNull()
    expect(editor.form.value).toEqual({ summary: '', mediators: '王五' })
    expect(editor.isDirty.value).toBe(false)
    expect(editor.loading.value).toBe(false)
    expect(editor.loadFailed.value).toBe(false)
  })

  it('a saved record is loaded by its id and shown as its form', async () => {
    const c = saved()
    commands.get.mockResolvedValue(c)
    await mountAt(`/cases/${ID}`)
    expect(commands.get).toHaveBeenCalledWith(ID)
    expect(onNewForm).not.toHaveBeenCalled()
    expect(onRecord).toHaveBeenCalledWith(c)
    expect(editor.isNew.value).toBe(false)
    expect(editor.current.value).toEqual(c)
    expect(editor.form.value).toEqual({ summary: '邻里纠纷', mediators: '王五、赵六' })
    expect(editor.isDirty.value).toBe(false)
  })

  it('a record that cannot be loaded leaves no form, and says so', async () => {
    commands.get.mockRejectedValue({ code: 'not_found', message: '案件不存在或已删除', fields: [] })
    await mountAt(`/cases/${ID}`)
    expect(editor.loadFailed.value).toBe(true)
    expect(editor.loading.value).toBe(false)
    expect(editor.form.value).toBeNull()
    expect(editor.current.value).toBeNull()
    expect(n.showError).toHaveBeenCalledTimes(1)
    // Nothing to save, nothing to lose.
    ctrlS()
    await flushPromises()
    expect(commands.update).not.toHaveBeenCalled()
    expect(commands.create).not.toHaveBeenCalled()
    expect(editor.isDirty.value).toBe(false)
  })

  it('while the screen is still shown on another route (leaving it), loads nothing', async () => {
    commands.get.mockResolvedValue(saved())
    await mountAt(`/cases/${ID}`, false)
    await router.push('/cases')
    await flushPromises()
    expect(commands.get).toHaveBeenCalledTimes(1)
    expect(onNewForm).not.toHaveBeenCalled()
    expect(editor.current.value?.id).toBe(ID)
  })

  it('moving to another record loads it', async () => {
    commands.get.mockResolvedValue(saved())
    await mountAt(`/cases/${ID}`, false)
    const other = saved({ id: 'other', caseNo: '（2026）石调字第4号' })
    commands.get.mockResolvedValue(other)
    await router.push('/cases/other')
    await flushPromises()
    expect(commands.get).toHaveBeenLastCalledWith('other')
    expect(editor.current.value).toEqual(other)
    await router.push('/cases/new')
    await flushPromises()
    expect(editor.current.value).toBeNull()
    expect(editor.form.value).toEqual({ summary: '', mediators: '' })
  })
})

describe('useRecordEditor: unsaved changes', () => {
  it('is dirty while the form differs from what was loaded, as it would be sent', async () => {
    commands.get.mockResolvedValue(saved())
    await mountAt(`/cases/${ID}`)
    editor.form.value!.summary = '邻里纠纷，已调解'
    expect(editor.isDirty.value).toBe(true)
    editor.form.value!.summary = '邻里纠纷'
    expect(editor.isDirty.value).toBe(false)
    // The same mediators written differently are sent the same: no change.
    editor.form.value!.mediators = '王五、赵六、'
    expect(editor.isDirty.value).toBe(false)
  })

  it('asks before leaving with changes, naming the record', async () => {
    commands.get.mockResolvedValue(saved())
    await mountAt(`/cases/${ID}`)
    editor.form.value!.summary = '改了'
    n.confirmLeaveUnsaved.mockResolvedValue(false)
    await router.push('/cases')
    await flushPromises()
    expect(n.confirmLeaveUnsaved).toHaveBeenCalledWith('本案件')
    expect(router.currentRoute.value.path).toBe(`/cases/${ID}`)
  })
})

describe('useRecordEditor: saving', () => {
  it('creates a new record, then moves to its route keeping the screen', async () => {
    commands.create.mockImplementation(async (input) => saved({ ...input, version: 1 }))
    const w = await mountAt('/cases/new')
    const replace = vi.spyOn(router, 'replace')
    editor.form.value!.summary = '排水沟纠纷'
    editor.form.value!.mediators = '王五、赵六'
    expect(editor.isDirty.value).toBe(true)
    const shown = w.findComponent(Editor).vm
    await editor.save()
    await flushPromises()
    expect(commands.create).toHaveBeenCalledWith({ summary: '排水沟纠纷', mediators: ['王五', '赵六'] })
    expect(n.showSuccess).toHaveBeenCalledWith('已保存，案件编号：（2026）石调字第3号')
    expect(replace).toHaveBeenCalledWith(`/cases/${ID}`)
    expect(router.currentRoute.value.path).toBe(`/cases/${ID}`)
    // The record just created is not loaded again, and the same screen shows it.
    expect(commands.get).not.toHaveBeenCalled()
    expect(w.findComponent(Editor).vm).toBe(shown)
    expect(editor.isNew.value).toBe(false)
    expect(editor.current.value?.version).toBe(1)
    expect(editor.isDirty.value).toBe(false)
    expect(editor.saving.value).toBe(false)
    expect(onRecord).toHaveBeenCalledTimes(1)
    expect(n.confirmLeaveUnsaved).not.toHaveBeenCalled()
  })

  it('updates with the version it was loaded at, and shows the new one', async () => {
    commands.get.mockResolvedValue(saved())
    commands.update.mockImplementation(async (id, version, input) => saved({ ...input, id, version: version + 1 }))
    await mountAt(`/cases/${ID}`)
    editor.form.value!.summary = '邻里纠纷，已调解'
    await editor.save()
    expect(commands.update).toHaveBeenCalledWith(ID, 3, { summary: '邻里纠纷，已调解', mediators: ['王五', '赵六'] })
    expect(commands.create).not.toHaveBeenCalled()
    expect(n.showSuccess).toHaveBeenCalledWith('已保存（版本 4）')
    expect(editor.current.value?.version).toBe(4)
    expect(editor.isDirty.value).toBe(false)

    // The next save is made against the new version.
    editor.form.value!.summary = '又改了'
    await editor.save()
    expect(commands.update).toHaveBeenLastCalledWith(ID, 4, { summary: '又改了', mediators: ['王五', '赵六'] })
  })

  it('a save refused for a stale version shows the conflict and keeps the edits; reloading takes the latest', async () => {
    commands.get.mockResolvedValue(saved())
    commands.update.mockRejectedValue({ code: 'conflict.version', message: '案件已被他人修改，请重新加载', fields: [] })
    await mountAt(`/cases/${ID}`)
    editor.form.value!.summary = '我的修改'
    await editor.save()
    expect(editor.conflict.value).toBe(true)
    expect(editor.current.value?.version).toBe(3)
    expect(editor.form.value?.summary).toBe('我的修改')
    expect(editor.isDirty.value).toBe(true)
    expect(editor.saving.value).toBe(false)

    commands.get.mockResolvedValue(saved({ version: 5, summary: '他人的修改' }))
    await editor.reloadLatest()
    expect(commands.get).toHaveBeenLastCalledWith(ID)
    expect(editor.conflict.value).toBe(false)
    expect(editor.current.value?.version).toBe(5)
    expect(editor.form.value?.summary).toBe('他人的修改')
    expect(editor.isDirty.value).toBe(false)
  })

  it('other failures show no conflict', async () => {
    commands.get.mockResolvedValue(saved())
    commands.update.mockRejectedValue({ code: 'db.busy', message: '数据库忙，请稍后重试', fields: [] })
    await mountAt(`/cases/${ID}`)
    await editor.save()
    expect(n.showError).toHaveBeenCalledTimes(1)
    expect(editor.conflict.value).toBe(false)
  })

  it('places the field errors on their fields, lists the others, and clears one when its field changes', async () => {
    commands.create.mockRejectedValueOnce({
      code: 'validation',
      message: '请检查标红的项目',
      fields: [
        { field: 'summary', code: 'required', message: '请填写纠纷简要情况' },
        { field: 'mediators.0', code: 'required', message: '请填写调解员' },
        { field: 'closedOn', code: 'required', message: '请填写结案日期' },
      ],
    })
    const w = await mountAt('/cases/new')
    await editor.save()
    await settle()
    expect(editor.errors.value).toEqual({ summary: '请填写纠纷简要情况', mediators: '请填写调解员' })
    expect(editor.unmatchedErrors.value).toEqual(['请填写结案日期'])
    expect(errorOf(w, 'summary')).toBe('请填写纠纷简要情况')
    expect(errorOf(w, 'mediators')).toBe('请填写调解员')

    await w.get('[data-testid="field-summary"] input').setValue('排水沟纠纷')
    await settle()
    expect(errorOf(w, 'summary')).toBe('')
    expect(errorOf(w, 'mediators')).toBe('请填写调解员')

    // A save starts without the errors of the last one.
    commands.create.mockImplementationOnce(async (input) => saved({ ...input, version: 1 }))
    await editor.save()
    await settle()
    expect(editor.errors.value).toEqual({})
    expect(editor.unmatchedErrors.value).toEqual([])
    expect(errorOf(w, 'mediators')).toBe('')
  })

  it('saves with Ctrl+S, not while paused nor with other keys', async () => {
    commands.get.mockResolvedValue(saved())
    commands.update.mockImplementation(async (id, version, input) => saved({ ...input, id, version: version + 1 }))
    await mountAt(`/cases/${ID}`)

    paused.value = true
    ctrlS()
    ctrlS({ key: 'S' })
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', bubbles: true }))
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, altKey: true, bubbles: true }))
    await flushPromises()
    paused.value = false
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', bubbles: true }))
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, altKey: true, bubbles: true }))
    await flushPromises()
    expect(commands.update).not.toHaveBeenCalled()

    const e = new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true })
    window.dispatchEvent(e)
    await flushPromises()
    expect(e.defaultPrevented).toBe(true)
    expect(commands.update).toHaveBeenCalledTimes(1)
    ctrlS({ ctrlKey: false, metaKey: true, key: 'S' })
    await flushPromises()
    expect(commands.update).toHaveBeenCalledTimes(2)

    // Not once the screen is gone.
    wrapper?.unmount()
    wrapper = null
    ctrlS()
    await flushPromises()
    expect(commands.update).toHaveBeenCalledTimes(2)
  })

  it('takes a record answered elsewhere on the screen, keeping the edits and the conflict notice', async () => {
    commands.get.mockResolvedValue(saved())
    commands.update.mockRejectedValue({ code: 'conflict.version', message: '案件已被他人修改，请重新加载', fields: [] })
    await mountAt(`/cases/${ID}`)
    editor.form.value!.summary = '我的修改'
    await editor.save()
    const answered = saved({ version: 4, mediators: ['王五'] })
    editor.adoptRecord(answered, { summary: '我的修改', mediators: '王五' })
    expect(editor.current.value).toEqual(answered)
    expect(editor.conflict.value).toBe(true)
    expect(editor.isDirty.value).toBe(true)
    editor.form.value!.summary = '邻里纠纷'
    expect(editor.isDirty.value).toBe(false)
  })
})

describe('useRecordEditor: deleting', () => {
  it('deletes only after confirmation, then goes to the list without asking about the edits', async () => {
    commands.get.mockResolvedValue(saved())
    commands.remove.mockResolvedValue(undefined)
    await mountAt(`/cases/${ID}`)
    editor.form.value!.summary = '改了'

    n.confirmDelete.mockResolvedValue(false)
    await editor.remove()
    expect(n.confirmDelete).toHaveBeenCalledWith('（2026）石调字第3号', '案件')
    expect(commands.remove).not.toHaveBeenCalled()
    expect(router.currentRoute.value.path).toBe(`/cases/${ID}`)

    n.confirmDelete.mockResolvedValue(true)
    await editor.remove()
    await flushPromises()
    expect(commands.remove).toHaveBeenCalledWith(ID, 3)
    expect(n.showSuccess).toHaveBeenCalledWith('已删除')
    expect(router.currentRoute.value.fullPath).toBe('/cases?state=accepted')
    expect(n.confirmLeaveUnsaved).not.toHaveBeenCalled()
    // Leaving for the list neither loads the record again nor starts a new one.
    expect(commands.get).toHaveBeenCalledTimes(1)
    expect(onNewForm).not.toHaveBeenCalled()
  })

  it('a deletion refused for a stale version shows the conflict and stays', async () => {
    commands.get.mockResolvedValue(saved())
    commands.remove.mockRejectedValue({ code: 'conflict.version', message: '案件已被他人修改，请重新加载', fields: [] })
    n.confirmDelete.mockResolvedValue(true)
    await mountAt(`/cases/${ID}`)
    await editor.remove()
    await flushPromises()
    expect(editor.conflict.value).toBe(true)
    expect(n.showSuccess).not.toHaveBeenCalled()
    expect(router.currentRoute.value.path).toBe(`/cases/${ID}`)
  })

  it('a new record has nothing to delete', async () => {
    await mountAt('/cases/new')
    await editor.remove()
    expect(n.confirmDelete).not.toHaveBeenCalled()
    expect(commands.remove).not.toHaveBeenCalled()
  })
})

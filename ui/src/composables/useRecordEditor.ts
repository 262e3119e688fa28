// The editor of one record (人民调解案件, 法律援助申请, 矫正对象 …) on its own route: `<list>/new` for a
// new record, `<list>/:id` for a saved one. Every record form behaves the same way:
// - the form is compared with what was last loaded or saved, and leaving with changes asks first;
// - 保存 (or Ctrl+S) creates the record, or updates it with the version it was loaded at, so a change
//   made by someone else in between is refused (冲突) instead of being overwritten;
// - the core's field errors are placed on the form's fields;
// - a deletion is confirmed, then the list shows again.
// What differs (the form model, the numbers the core assigns, what a state change brings) is given
// by the screen.
import { computed, onMounted, ref, watch, type Ref } from 'vue'
import { useRoute, useRouter, type RouteLocationRaw } from 'vue-router'
import { VERSION_CONFLICT_CODE } from '../api/errors'
import { provideFieldErrors } from '../components/formErrors'
import { commitActiveInput, useFormErrors } from '../components/useFormErrors'
import { confirmDelete, showError, showSuccess } from '../lib/notify'
import { loadCodeTables } from '../store/codeTables'
import { useSaveShortcut } from './useSaveShortcut'
import { useUnsavedChanges } from './useUnsavedChanges'

/** What the editor needs of a saved record: its id and the version an update is made against. */
export interface EditedRecord {
  id: string
  version: number
}

/** The core's commands for one kind of record. */
export interface RecordCommands<R extends EditedRecord, I> {
  get: (id: string) => Promise<R>
  create: (input: I) => Promise<R>
  update: (id: string, version: number, input: I) => Promise<R>
  remove: (id: string, version: number) => Promise<unknown>
}

export interface RecordEditorOptions<R extends EditedRecord, I, F> {
  /** The element holding the form (`ref="formRoot"`): field errors are placed on the items inside it. */
  formRoot: Ref<HTMLElement | null>
  /** The route of the editor. Leaving it changes the id param while the screen is still mounted; the
   * editor must not load anything then. */
  routeName: string
  /** Where a saved record is opened: a new record moves there once the core created it. */
  recordPath: (id: string) => string
  /** The list to go back to, with the filter last used there. */
  listRoute: () => RouteLocationRaw
  /** The record as the question about unsaved changes names it: 本案件, 本申请 … */
  subject: string
  /** What a deletion names: 案件, 法律援助申请 … */
  kind: string
  /** The record as a deletion names it: its number (and name). */
  recordName: (record: R) => string
  /** The message after a creation: it tells the number the core assigned. */
  createdMessage: (record: R) => string
  commands: RecordCommands<R, I>
  /** The form of a new record (the code tables are loaded). */
  emptyForm: () => F
  toForm: (record: R) => F
  toInput: (form: F) => I
  /** A record was loaded or saved and now shows (e.g. to ask which states it may move to). */
  onRecord?: (record: R) => void
  /** A new form shows; what this changes still counts as the starting point, not as the user's edits
   * (e.g. the first state the core allows). */
  onNewForm?: (form: F) => Promise<void> | void
  /** While true (a dialog is open above the form), Ctrl+S does not save the form behind it. */
  shortcutPaused?: () => boolean
}

export function useRecordEditor<R extends EditedRecord, I, F>(options: RecordEditorOptions<R, I, F>) {
  const route = useRoute()
  const router = useRouter()

  const form = ref<F | null>(null) as Ref<F | null>
  /** The record as last loaded or saved (null for a new one). */
  const current = ref<R | null>(null) as Ref<R | null>
  const loading = ref(false)
  const loadFailed = ref(false)
  const saving = ref(false)
  /** The last save or deletion was refused because someone else changed the record meanwhile. */
  const conflict = ref(false)
  const { formRoot } = options

  const idParam = computed(() => String(route.params.id ?? 'new'))
  const isNew = computed(() => idParam.value === 'new')

  const fieldErrors = useFormErrors(formRoot, () => form.value, options.toInput)
  provideFieldErrors(fieldErrors)

  // What the form held when it was last loaded or saved, as it would be sent.
  const savedSnapshot = ref('')
  function snapshotOf(f: F | null): string {
    return f ? JSON.stringify(options.toInput(f)) : ''
  }
  const isDirty = computed(() => !!form.value && snapshotOf(form.value) !== savedSnapshot.value)
  const unsaved = useUnsavedChanges(() => isDirty.value, options.subject)

  /** Show `record` as loaded or saved: its form, nothing unsaved, no conflict, no errors. */
  function setRecord(record: R) {
    current.value = record
    form.value = options.toForm(record)
    savedSnapshot.value = snapshotOf(form.value)
    conflict.value = false
    fieldErrors.clear()
    options.onRecord?.(record)
  }

  /** The core answered `record` for a change made elsewhere on the screen (an event saved …): the form
   * shows `shown` (the user's edits kept), and unsaved is what differs from the record as answered.
   * The conflict notice and the field errors stay: they are about the form's own save. */
  function adoptRecord(record: R, shown: F) {
    current.value = record
    form.value = shown
    savedSnapshot.value = snapshotOf(options.toForm(record))
  }

  async function init() {
    if (route.name !== options.routeName) return
    loadFailed.value = false
    loading.value = true
    try {
      await loadCodeTables()
      if (isNew.value) {
        current.value = null
        form.value = options.emptyForm()
        conflict.value = false
        fieldErrors.clear()
        await options.onNewForm?.(form.value)
        savedSnapshot.value = snapshotOf(form.value)
      } else if (current.value?.id !== idParam.value) {
        // Not when a record just created moved to its own route: it shows already.
        form.value = null
        setRecord(await options.commands.get(idParam.value))
      }
    } catch (e) {
      loadFailed.value = true
      showError(e)
    } finally {
      loading.value = false
    }
  }

  watch(idParam, () => void init())

  async function save() {
    if (!form.value || saving.value) return
    await commitActiveInput(formRoot.value)
    fieldErrors.clear()
    saving.value = true
    const input = options.toInput(form.value)
    try {
      if (!current.value) {
        const created = await options.commands.create(input)
        setRecord(created)
        showSuccess(options.createdMessage(created))
        // The screen stays mounted; the route only catches up with the record.
        await router.replace(options.recordPath(created.id))
      } else {
        const updated = await options.commands.update(current.value.id, current.value.version, input)
        setRecord(updated)
        showSuccess(`已保存（版本 ${updated.version}）`)
      }
    } catch (e) {
      const err = showError(e)
      if (err.code === VERSION_CONFLICT_CODE) conflict.value = true
      if (err.fields.length > 0) await fieldErrors.place(err.fields, input)
    } finally {
      saving.value = false
    }
  }

  /** After a conflict: the record as it is now (the form's unsaved edits are given up). */
  async function reloadLatest() {
    if (!current.value) return
    loading.value = true
    try {
      setRecord(await options.commands.get(current.value.id))
    } catch (e) {
      showError(e)
    } finally {
      loading.value = false
    }
  }

  function backToList() {
    void router.push(options.listRoute())
  }

  async function remove() {
    const record = current.value
    if (!record) return
    if (!(await confirmDelete(options.recordName(record), options.kind))) return
    try {
      await options.commands.remove(record.id, record.version)
      showSuccess('已删除')
      // The record is gone: its edits have nothing left to be saved to.
      unsaved.allowLeave()
      backToList()
    } catch (e) {
      const err = showError(e)
      if (err.code === VERSION_CONFLICT_CODE) conflict.value = true
    }
  }

  useSaveShortcut(save, () => !options.shortcutPaused?.())

  onMounted(() => void init())

  return {
    form,
    current,
    isNew,
    isDirty,
    loading,
    loadFailed,
    saving,
    conflict,
    /** Field errors of the form by path (also provided to its FormField items). */
    errors: fieldErrors.errors,
    /** Errors no field of the form shows: listed above it. */
    unmatchedErrors: fieldErrors.unmatched,
    setRecord,
    adoptRecord,
    save,
    reloadLatest,
    remove,
    backToList,
  }
}

/** Who created a saved record and who changed it last. */
export interface RecordStamp {
  createdAt: string
  createdBy: string
  updatedAt: string
  updatedBy: string
}

/** What the head of a record form (保存, 返回列表, 删除, who changed the record) needs of its editor. */
export interface RecordEditorHead {
  form: Readonly<Ref<unknown>>
  current: Readonly<Ref<RecordStamp | null>>
  saving: Readonly<Ref<boolean>>
  save: () => unknown
  backToList: () => void
  remove: () => unknown
}

/** What the notices above a record form (a conflict, errors no field shows, a record that did not
 * open) need of its editor. */
export interface RecordEditorState {
  form: Readonly<Ref<unknown>>
  conflict: Readonly<Ref<boolean>>
  loadFailed: Readonly<Ref<boolean>>
  unmatchedErrors: Readonly<Ref<readonly string[]>>
  reloadLatest: () => unknown
  backToList: () => void
}

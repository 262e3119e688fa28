// A closed record (结案: 人民调解 不予受理/调解不成/撤回/结案归档, 法律援助 视为撤回/维持不予援助/已回访,
// 社区矫正 解除/终止矫正/已转出) shows read-only. It changes only after an explicit 修改 with a reason
// (AmendReasonDialog): the form becomes editable, the notice names the reason, and the save sends it as
// `amendReason`, which the core keeps in the audit (修改已结案记录). After the save the record shows as
// answered, read-only again while it is still closed. Saving the change that closes a record needs no
// reason: only a record already stored closed asks for one (the core decides, by the stored state).
//
// The screen wraps its update command in `update` and pauses Ctrl+S with `pausesSave`; the notice, the
// 修改 button and the dialog are RecordEditorNotices' (given this state as `amend`).
import { computed, ref, watch, type Ref } from 'vue'
import { normaliseError } from '../api/errors'
import type { ApiError } from '../api/generated'
import { canWriteRecordsRole } from '../lib/accounts'
import { session } from '../store/session'

/** The field of the core's errors about the reason (missing, too long). */
export const AMEND_REASON_FIELD = 'amendReason'
/** Most characters a reason may have (the core's AMEND_REASON_MAX). */
export const AMEND_REASON_MAX = 200
/** A save tried while the closed record is read-only (no command is sent). */
export const RECORD_CLOSED_CODE = 'ui.record_closed'
export const RECORD_CLOSED_MESSAGE = '本案已结案，内容为只读。如需更正，请先点击「修改」并写明原因。'

export interface AmendClosedOptions {
  /** The record as last loaded or saved (null for a new one). */
  record: () => { id: string; closed: boolean } | null | undefined
  /** Saves the form again: after a reason the core refused was corrected in the dialog. */
  save?: () => unknown
  /** What is read-only, as the notice says it (内容 by default; 对象信息 where the events stay open). */
  part?: string
}

/** What the notice above a record form and its dialog need (RecordEditorNotices' `amend`). */
export interface AmendClosedState {
  /** The record is stored closed. */
  closed: Readonly<Ref<boolean>>
  /** Closed, and no reason given yet: the form shows read-only. */
  readOnly: Readonly<Ref<boolean>>
  /** A reason was given: the form is editable and its save sends the reason. */
  amending: Readonly<Ref<boolean>>
  /** The logged-in user may change records (a 只读 account sees no 修改). */
  canAmend: Readonly<Ref<boolean>>
  /** The reason being used (null while none is given). */
  reason: Readonly<Ref<string | null>>
  /** The reason dialog shows. */
  dialogOpen: Ref<boolean>
  /** The core's error about the reason, shown in the dialog ('' for none). */
  dialogError: Readonly<Ref<string>>
  /** What is read-only, as the notice says it. */
  part: string
  /** 修改 (or 更改原因): the dialog asks for the reason. */
  start: () => void
  /** The dialog's 确定 with the reason written. */
  confirm: (reason: string) => void
}

export function useAmendClosed(options: AmendClosedOptions) {
  const reason = ref<string | null>(null)
  const dialogOpen = ref(false)
  const dialogError = ref('')
  /** The dialog was opened by a save the core refused for its reason: 确定 saves again. */
  let saveOnConfirm = false

  const closed = computed(() => !!options.record()?.closed)
  const amending = computed(() => reason.value !== null)
  const readOnly = computed(() => closed.value && !amending.value)
  const canAmend = computed(() => canWriteRecordsRole(session.user?.role))
  /** Ctrl+S does not save the form: it is read-only, or the dialog above it asks for the reason. */
  const pausesSave = computed(() => readOnly.value || dialogOpen.value)

  /** Read-only again (when closed): the reason is given up. */
  function reset() {
    reason.value = null
    dialogOpen.value = false
    dialogError.value = ''
    saveOnConfirm = false
  }

  // Another record opened: its own 修改 is asked for again.
  watch(
    () => options.record()?.id,
    (id, old) => {
      if (id !== old) reset()
    },
  )
  watch(dialogOpen, (open) => {
    if (!open) saveOnConfirm = false
  })

  function start() {
    if (!canAmend.value) return
    dialogError.value = ''
    saveOnConfirm = false
    dialogOpen.value = true
  }

  function confirm(text: string) {
    const given = text.trim()
    if (!given) return
    const again = saveOnConfirm
    reason.value = given
    dialogError.value = ''
    dialogOpen.value = false
    saveOnConfirm = false
    if (again) void options.save?.()
  }

  /** The update of the record through `send`, with the reason while one is given. Refused at once while
   * the record is read-only. Once saved, the reason is given up (read-only again if still closed); when
   * the core refuses the reason, the dialog shows again with its error, and the error goes on without
   * that field (the dialog shows it, not the form). */
  async function update<R>(send: (amendReason: string | undefined) => Promise<R>): Promise<R> {
    if (readOnly.value) {
      throw { code: RECORD_CLOSED_CODE, message: RECORD_CLOSED_MESSAGE, fields: [] } satisfies ApiError
    }
    try {
      const saved = await send(reason.value ?? undefined)
      reset()
      return saved
    } catch (e) {
      const err = normaliseError(e)
      const about = err.fields.filter((f) => f.field === AMEND_REASON_FIELD)
      if (about.length === 0) throw e
      dialogError.value = about.map((f) => f.message).join('；')
      dialogOpen.value = true
      saveOnConfirm = true
      throw { ...err, fields: err.fields.filter((f) => f.field !== AMEND_REASON_FIELD) } satisfies ApiError
    }
  }

  const state: AmendClosedState = {
    closed,
    readOnly,
    amending,
    canAmend,
    reason,
    dialogOpen,
    dialogError,
    part: options.part ?? '内容',
    start,
    confirm,
  }
  return { ...state, pausesSave, update, reset }
}

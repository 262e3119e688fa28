// The keyboard shortcuts the window really has (关于 lists them, the F1 help names them). Each one is
// implemented where its comment says; a new shortcut is added here too.

export interface Shortcut {
  keys: string
  action: string
}

export const SHORTCUTS: readonly Shortcut[] = [
  // composables/useSaveShortcut.ts: every record form, 咨询登记 and the 事项 dialog.
  { keys: 'Ctrl+S', action: '保存当前填写的内容（案件、申请、矫正对象、咨询登记和事项对话框）' },
  // ConsultationView.vue and CorrectionEventDialog.vue.
  { keys: 'Ctrl+Enter', action: '在咨询登记、修改咨询登记和登记（编辑）事项对话框中保存' },
  // composables/useHelpShortcut.ts, components/HelpDrawer.vue.
  { keys: 'F1', action: '打开当前页面的帮助' },
  // Element Plus dialogs and the help drawer (close-on-press-escape; a dialog with unsaved work asks first).
  { keys: 'Esc', action: '关闭帮助或当前对话框' },
  // components/RecordFilterBar.vue (search); LoginView.vue, LockScreen.vue, ChangePasswordDialog.vue (submit).
  { keys: 'Enter', action: '在列表的搜索框中开始搜索；登录、解锁和修改密码时确认' },
]

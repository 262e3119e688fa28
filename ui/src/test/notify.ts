// lib/notify for a screen's tests: the messages and questions named are mocks (a question answers
// nothing until the test says; an error is handed back as it came), the rest stays real. vi.mock hoists
// its factory above the test file's imports, so the factory imports this itself:
//   vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['showError']))
import { vi } from 'vitest'
import type * as notify from '../lib/notify'

type Mocked =
  | 'confirmAction'
  | 'confirmChoice'
  | 'confirmDelete'
  | 'confirmDiscardUnsaved'
  | 'confirmLeaveUnsaved'
  | 'showInfo'
  | 'showSuccess'
  | 'showError'

export async function mockNotify(original: () => Promise<typeof notify>, mocked: readonly Mocked[]) {
  const mocks = {
    confirmAction: vi.fn(),
    confirmChoice: vi.fn(),
    confirmDelete: vi.fn(),
    confirmDiscardUnsaved: vi.fn(),
    confirmLeaveUnsaved: vi.fn(),
    showInfo: vi.fn(),
    showSuccess: vi.fn(),
    showError: vi.fn((e: unknown) => e),
  }
  return { ...(await original()), ...Object.fromEntries(mocked.map((name) => [name, mocks[name]])) }
}

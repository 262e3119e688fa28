import { describe, expect, it } from 'vitest'
import { startsAtTop } from './screenScroll'

const at = (fullPath: string, name?: string, id?: string) => ({
  fullPath,
  name,
  params: id === undefined ? ({} as Record<string, string>) : { id },
})

describe('startsAtTop', () => {
  it('brings a new screen, a list page or a filter to the top', () => {
    expect(startsAtTop(at('/mediation', 'mediation'), at('/', 'dashboard'))).toBe(true)
    expect(startsAtTop(at('/mediation/a1', 'mediation-case', 'a1'), at('/mediation', 'mediation'))).toBe(true)
    expect(startsAtTop(at('/mediation/b2', 'mediation-case', 'b2'), at('/mediation/a1', 'mediation-case', 'a1'))).toBe(true)
    expect(startsAtTop(at('/mediation?page=2', 'mediation'), at('/mediation', 'mediation'))).toBe(true)
    expect(startsAtTop(at('/mediation/new', 'mediation-case', 'new'), at('/mediation/a1', 'mediation-case', 'a1'))).toBe(true)
  })

  it('keeps the place when nothing changed or a new record got its id on saving', () => {
    expect(startsAtTop(at('/batch', 'batch'), at('/batch', 'batch'))).toBe(false)
    expect(startsAtTop(at('/mediation/a1', 'mediation-case', 'a1'), at('/mediation/new', 'mediation-case', 'new'))).toBe(false)
    expect(
      startsAtTop(at('/legal-aid/applications/x', 'legal-aid-application', 'x'), at('/legal-aid/applications/new', 'legal-aid-application', 'new')),
    ).toBe(false)
  })
})

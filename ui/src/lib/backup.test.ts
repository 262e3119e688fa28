import { describe, expect, it } from 'vitest'
import { folderOf, formatSize } from './backup'

describe('formatSize', () => {
  it('shows KB below a megabyte, MB below a gigabyte, then GB', () => {
    expect(formatSize(0)).toBe('0 KB')
    expect(formatSize(100)).toBe('1 KB')
    expect(formatSize(532480)).toBe('520 KB')
    expect(formatSize(1024 * 1024)).toBe('1.0 MB')
    expect(formatSize(5452595)).toBe('5.2 MB')
    expect(formatSize(4.5e9)).toBe('4.19 GB')
    expect(formatSize(Number.NaN)).toBe('0 KB')
  })
})

describe('folderOf', () => {
  it('finds the folder of Windows and POSIX paths', () => {
    expect(folderOf('E:\\备份\\420202001_manual.db')).toBe('E:\\备份')
    expect(folderOf('C:\\x.db')).toBe('C:\\')
    expect(folderOf('/media/u/备份/x.db')).toBe('/media/u/备份')
    expect(folderOf('  /media/u/x.db  ')).toBe('/media/u')
  })

  it('has none for a bare name or nothing', () => {
    expect(folderOf('x.db')).toBeNull()
    expect(folderOf('/x.db')).toBeNull()
    expect(folderOf('')).toBeNull()
    expect(folderOf(null)).toBeNull()
  })
})

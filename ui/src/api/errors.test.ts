import { describe, expect, it } from 'vitest'
import { UNEXPECTED_CODE, UNEXPECTED_MESSAGE, isApiError, normaliseError } from './errors'

describe('normaliseError', () => {
  it('keeps a well-formed ApiError', () => {
    const e = {
      code: 'validation.id_number',
      message: '身份证号码校验位不正确',
      fields: [{ field: 'parties.0.idNo', code: 'validation.id_number', message: '校验位不正确' }],
    }
    expect(normaliseError(e)).toEqual(e)
    expect(isApiError(e)).toBe(true)
  })

  it('fills in missing fields of a partial object', () => {
    expect(normaliseError({ code: 'auth.required', message: '登录已过期，请重新登录' })).toEqual({
      code: 'auth.required',
      message: '登录已过期，请重新登录',
      fields: [],
    })
    expect(normaliseError({ message: '出错了' })).toEqual({ code: UNEXPECTED_CODE, message: '出错了', fields: [] })
  })

  it('drops malformed field errors', () => {
    const n = normaliseError({
      code: 'validation',
      message: '请检查输入',
      fields: [{ field: 'summary', code: 'required', message: '请填写简要情况' }, { nope: 1 }, 'x'],
    })
    expect(n.fields).toEqual([{ field: 'summary', code: 'required', message: '请填写简要情况' }])
  })

  it('replaces English messages with a Chinese one', () => {
    expect(normaliseError('command mediation_list not found')).toEqual({
      code: UNEXPECTED_CODE,
      message: UNEXPECTED_MESSAGE,
      fields: [],
    })
    expect(normaliseError(new TypeError("Cannot read properties of undefined (reading 'invoke')")).message).toBe(
      UNEXPECTED_MESSAGE,
    )
    expect(normaliseError({ code: 'store.io', message: 'disk full' }).message).toBe(UNEXPECTED_MESSAGE)
    expect(normaliseError({ code: 'store.io', message: 'disk full' }).code).toBe('store.io')
  })

  it('keeps Chinese text from strings and Errors', () => {
    expect(normaliseError('数据库文件已损坏')).toEqual({ code: UNEXPECTED_CODE, message: '数据库文件已损坏', fields: [] })
    expect(normaliseError(new Error('无法写入磁盘')).message).toBe('无法写入磁盘')
  })

  it('parses a JSON-encoded ApiError string', () => {
    const s = JSON.stringify({ code: 'conflict.version', message: '案件已被修改', fields: [] })
    expect(normaliseError(s)).toEqual({ code: 'conflict.version', message: '案件已被修改', fields: [] })
  })

  it('handles null, undefined, numbers', () => {
    for (const x of [null, undefined, 42, true]) {
      const n = normaliseError(x)
      expect(n.code).toBe(UNEXPECTED_CODE)
      expect(n.message).toBe(UNEXPECTED_MESSAGE)
      expect(n.fields).toEqual([])
    }
  })

  it('isApiError rejects lookalikes', () => {
    expect(isApiError({ code: 'x', message: 'y' })).toBe(false)
    expect(isApiError('x')).toBe(false)
    expect(isApiError(null)).toBe(false)
    expect(isApiError({ code: 'x', message: 'y', fields: [{ field: 1 }] })).toBe(false)
  })
})

import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'

const chart = vi.hoisted(() => ({ setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn() }))
vi.mock('echarts/core', () => ({ use: vi.fn(), init: vi.fn(() => chart) }))
vi.mock('echarts/charts', () => ({ LineChart: {}, BarChart: {}, PieChart: {} }))
vi.mock('echarts/components', () => ({ GridComponent: {}, TooltipComponent: {}, LegendComponent: {}, TitleComponent: {} }))
vi.mock('echarts/renderers', () => ({ CanvasRenderer: {} }))

import * as echarts from 'echarts/core'
import EChart from './EChart.vue'

afterEach(() => {
  vi.clearAllMocks()
  vi.unstubAllGlobals()
})

describe('EChart', () => {
  it('registers what it draws, draws on mount without animation in the app font, and disposes', () => {
    const w = mount(EChart, { props: { option: { series: [{ type: 'line', data: [1, 2] }] }, height: 280 }, attrs: { 'data-testid': 'chart-x' } })
    expect(vi.mocked(echarts.use)).toHaveBeenCalledTimes(1)
    expect(vi.mocked(echarts.init)).toHaveBeenCalledWith(w.element, undefined, { renderer: 'canvas' })
    expect(chart.setOption).toHaveBeenCalledTimes(1)
    const [option, notMerge] = chart.setOption.mock.calls[0]!
    expect(notMerge).toBe(true)
    expect(option.animation).toBe(false)
    expect(option.textStyle.fontFamily).toContain('Noto Sans CJK SC')
    expect(option.series).toEqual([{ type: 'line', data: [1, 2] }])
    expect(w.attributes('data-testid')).toBe('chart-x')
    expect((w.element as HTMLElement).style.height).toBe('280px')
    w.unmount()
    expect(chart.dispose).toHaveBeenCalledTimes(1)
  })

  it('draws again when the option changes', async () => {
    const w = mount(EChart, { props: { option: { series: [] } } })
    await w.setProps({ option: { series: [{ type: 'bar', data: [3] }] } })
    await nextTick()
    expect(chart.setOption).toHaveBeenCalledTimes(2)
    expect(chart.setOption.mock.calls[1]![0].series).toEqual([{ type: 'bar', data: [3] }])
    w.unmount()
  })

  it('follows the size of its box, and stops following on unmount', () => {
    const observe = vi.fn()
    const disconnect = vi.fn()
    let callback: () => void = () => {}
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(cb: () => void) {
          callback = cb
        }
        observe = observe
        disconnect = disconnect
      },
    )
    const w = mount(EChart, { props: { option: {} } })
    expect(observe).toHaveBeenCalledWith(w.element)
    callback()
    expect(chart.resize).toHaveBeenCalledTimes(1)
    w.unmount()
    expect(disconnect).toHaveBeenCalledTimes(1)
  })
})

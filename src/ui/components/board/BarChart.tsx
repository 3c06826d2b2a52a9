import { BarChart as EBarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { tone } from '../../theme';

// Only the parts used here: the full echarts bundle would triple the renderer's size.
echarts.use([EBarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface Series {
  name: string;
  kind: 'bar' | 'line';
  values: number[];
  /** Colour per bar (the warning colours), or one colour for the series. */
  colours?: string[];
  colour?: string;
  yAxis?: 0 | 1;
}

/** A bar (+ optional line) chart that follows its data and its box size. */
export function BarChart({ categories, series, height, yNames, testId }: { categories: string[]; series: Series[]; height: number; yNames: [string, string?]; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 44, right: yNames[1] ? 44 : 12, top: 28, bottom: 24 },
        tooltip: { trigger: 'axis' },
        legend: { top: 0, left: 'center', itemHeight: 8, textStyle: { fontSize: 12 } },
        xAxis: { type: 'category', data: categories, axisTick: { alignWithLabel: true } },
        yAxis: [
          { type: 'value', name: yNames[0], nameTextStyle: { fontSize: 11 }, minInterval: 1 },
          ...(yNames[1] ? [{ type: 'value', name: yNames[1], nameTextStyle: { fontSize: 11 }, minInterval: 1, splitLine: { show: false } }] : []),
        ],
        series: series.map((s) => ({
          name: s.name,
          type: s.kind,
          yAxisIndex: s.yAxis ?? 0,
          data: s.values.map((v, i) => (s.colours?.[i] ? { value: v, itemStyle: { color: s.colours[i] } } : v)),
          itemStyle: { color: s.colour ?? tone.serving },
          ...(s.kind === 'line' ? { smooth: false, symbolSize: 4, lineStyle: { width: 2 } } : { barMaxWidth: 22 }),
        })),
      },
      { notMerge: true },
    );
  }, [categories, series, yNames]);

  return <div ref={box} style={{ height, width: '100%' }} data-testid={testId} />;
}

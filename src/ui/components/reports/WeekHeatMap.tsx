import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ReportResponse } from '../../../contract/api-reports';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const days = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/**
 * Average wait by weekday and hour (the report grouped by `weekhour`): where the week's queues
 * build up, darker for longer waits. Hours run over what the hall opened.
 */
export function WeekHeatMap({ report, height }: { report: ReportResponse; height: number }) {
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
    const cells = report.rows.map((r) => {
      const [d, h] = r.key.split('-').map(Number) as [number, number];
      return { d, h, minutes: Math.round(((r.waitAvgSeconds ?? 0) / 60) * 10) / 10 };
    });
    const hoursSeen = cells.map((c) => c.h);
    const first = Math.min(8, ...hoursSeen);
    const last = Math.max(17, ...hoursSeen);
    const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 44, right: 12, top: 8, bottom: 58 },
        tooltip: { formatter: (p: { value: [number, number, number] }) => `${days[p.value[1]]} ${hours[p.value[0]]}:00<br/>平均等候 ${p.value[2]} 分钟` },
        xAxis: { type: 'category', data: hours.map((h) => `${h}时`), splitArea: { show: true } },
        yAxis: { type: 'category', data: days, inverse: true, splitArea: { show: true } },
        visualMap: { min: 0, max: Math.max(1, ...cells.map((c) => c.minutes)), calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 100, itemWidth: 10, text: ['长', '短'] },
        series: [{ type: 'heatmap', data: cells.map((c) => [c.h - first, c.d - 1, c.minutes]), label: { show: true, fontSize: 10 } }],
      },
      { notMerge: true },
    );
  }, [report]);

  return <div ref={box} style={{ height, width: '100%' }} data-testid="wait-heatmap" />;
}

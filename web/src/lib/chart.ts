/**
 * Trend charts of results (DESIGN §6): the words a screen reader hears for a chart, the dates on
 * its axis, and the uPlot options that draw a series against its usual range. uPlot itself is
 * loaded lazily by the chart component; this module only imports its types.
 */
import type { ChartData, ResultPoint, ResultSeries } from '@carekey/client';
import type uPlot from 'uplot';

/** A series' key as a URL path segment (keys hold `:`, `|` and `/`). */
export function seriesSegment(key: string): string {
  return encodeURIComponent(key);
}

/** Whether a point or series is within its usual range, in words (never colour alone). */
export function rangeStatus(point: Pick<ResultPoint, 'outOfRange' | 'interpretation' | 'range' | 'low' | 'high'>): string {
  if (point.outOfRange)
    return point.interpretation && point.interpretation !== 'Normal'
      ? `${point.interpretation} — outside the usual range`
      : 'Outside the usual range';
  if (point.range !== undefined || point.low !== undefined || point.high !== undefined) return 'Within the usual range';
  return point.interpretation ?? '';
}

function yearOf(time: number): number {
  return new Date(time).getUTCFullYear();
}

/**
 * The chart in one sentence, for its `aria-label`: "Cholesterol, 6 results from 2019 to 2024,
 * latest 5.1 mmol/L, within the usual range".
 */
export function trendLabel(series: ResultSeries): string {
  const n = series.points.length;
  const dated = series.points.filter((p) => p.time !== undefined).map((p) => p.time as number);
  const first = dated.length ? Math.min(...dated) : undefined;
  const last = dated.length ? Math.max(...dated) : undefined;
  const span =
    first === undefined || last === undefined
      ? ''
      : yearOf(first) === yearOf(last)
        ? ` in ${yearOf(first)}`
        : ` from ${yearOf(first)} to ${yearOf(last)}`;
  const parts = [`${series.name}, ${n} ${n === 1 ? 'result' : 'results'}${span}`];
  const latest = series.latest;
  if (latest) {
    parts.push(`latest ${latest.text}`);
    const status = rangeStatus(latest);
    parts.push(status ? status.toLowerCase() : 'no usual range given');
  }
  return parts.join(', ');
}

const DAY = 86_400_000;

/** Dates on the time axis, as readable as the span allows: "2019", "Mar 2019", "14 Mar". */
export function axisDate(time: number, spanMs: number): string {
  const date = new Date(time);
  if (spanMs > 3 * 365 * DAY) return String(date.getFullYear());
  if (spanMs > 90 * DAY) return date.toLocaleDateString('en-GB', { month: 'short', year: 'numeric' });
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
}

/** The colours the chart draws with, read from CSS custom properties so both themes work. */
export interface ChartColours {
  readonly text: string;
  readonly grid: string;
  readonly lines: readonly string[];
  readonly band: string;
  readonly out: string;
  readonly surface: string;
}

/** Reads the chart's colours from an element's computed style. */
export function readColours(element: Element): ChartColours {
  const style = getComputedStyle(element);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#152120'),
    grid: v('--border', '#b9c6c3'),
    lines: [v('--chart-line-1', '#0b5f5a'), v('--chart-line-2', '#6a3d9a')],
    band: v('--chart-band', 'rgb(20 102 58 / 0.14)'),
    out: v('--danger', '#9f1f27'),
    surface: v('--surface', '#ffffff'),
  };
}

/** The y range to show: every value and the usual range, with some room around them. */
export function yRange(data: ChartData): [number, number] {
  const values: number[] = [];
  for (const line of data.y) for (const v of line) if (v !== null) values.push(v);
  if (data.band) for (const v of [...data.band.low, ...data.band.high]) if (v !== null) values.push(v);
  if (values.length === 0) return [0, 1];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = max === min ? Math.max(Math.abs(max) * 0.1, 1) : (max - min) * 0.12;
  const low = min - pad;
  // A measurement that cannot be negative is not drawn below zero.
  return [min >= 0 && low < 0 ? 0 : low, max + pad];
}

/** The x range to show: the points, with room so the first and last are not on the edge. */
export function xRange(data: ChartData): [number, number] {
  const first = data.x[0];
  const last = data.x[data.x.length - 1];
  if (first === undefined || last === undefined) return [0, DAY];
  const pad = last === first ? 30 * DAY : (last - first) * 0.05;
  return [first - pad, last + pad];
}

/** Draws the usual range as a shaded band behind the lines (a step per point where it changes). */
function drawBand(u: uPlot, data: ChartData, colour: string): void {
  const band = data.band;
  if (!band) return;
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const yMin = u.scales.y?.min ?? 0;
  const yMax = u.scales.y?.max ?? 1;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  ctx.fillStyle = colour;
  for (let i = 0; i < data.x.length; i += 1) {
    const low = band.low[i] ?? null;
    const high = band.high[i] ?? null;
    if (low === null && high === null) continue;
    // Each point's range reaches halfway to its neighbours; the ends reach the plot's edges.
    const x = data.x[i] as number;
    const prev = data.x[i - 1];
    const next = data.x[i + 1];
    const x0 = prev === undefined ? left : u.valToPos((prev + x) / 2, 'x', true);
    const x1 = next === undefined ? left + width : u.valToPos((x + next) / 2, 'x', true);
    const y0 = u.valToPos(high ?? yMax, 'y', true);
    const y1 = u.valToPos(low ?? yMin, 'y', true);
    ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
  }
  ctx.restore();
}

/** Marks out-of-range points with a diamond in the warning colour (a shape, not colour alone). */
function drawOutOfRange(u: uPlot, data: ChartData, colours: ChartColours): void {
  const { ctx } = u;
  const r = 7 * devicePixelRatio;
  ctx.save();
  ctx.lineWidth = 2 * devicePixelRatio;
  for (let i = 0; i < data.x.length; i += 1) {
    if (!data.outOfRange[i]) continue;
    const x = u.valToPos(data.x[i] as number, 'x', true);
    for (const line of data.y) {
      const value = line[i];
      if (value === null || value === undefined) continue;
      const y = u.valToPos(value, 'y', true);
      ctx.beginPath();
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r, y);
      ctx.lineTo(x, y + r);
      ctx.lineTo(x - r, y);
      ctx.closePath();
      ctx.fillStyle = colours.out;
      ctx.strokeStyle = colours.surface;
      ctx.fill();
      ctx.stroke();
    }
  }
  ctx.restore();
}

/**
 * uPlot options for a series: time on x (milliseconds), the unit on y, one line per
 * `data.labels` (two for blood pressure), the usual range shaded, out-of-range points as
 * diamonds. No legend (the page shows its own) and no drag-zoom (phones scroll).
 */
export function chartOptions(data: ChartData, size: { width: number; height: number }, colours: ChartColours): uPlot.Options {
  const span = (data.x[data.x.length - 1] ?? 0) - (data.x[0] ?? 0);
  const axis = { stroke: colours.text, grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid, width: 1 } };
  const font = '14px system-ui, sans-serif';
  return {
    width: size.width,
    height: size.height,
    ms: 1,
    legend: { show: false },
    cursor: { show: false, drag: { x: false, y: false } },
    scales: {
      x: { time: true, range: () => xRange(data) },
      y: { range: () => yRange(data) },
    },
    axes: [
      {
        ...axis,
        font,
        space: 50,
        values: (_u, ticks) => ticks.map((t) => axisDate(t, span)),
      },
      {
        ...axis,
        font,
        size: 56,
        label: data.unit ?? '',
        labelFont: font,
        labelSize: data.unit ? 20 : 0,
      },
    ],
    series: [
      {},
      ...data.labels.map((label, i) => ({
        label,
        stroke: colours.lines[i] ?? colours.text,
        width: 2.5,
        spanGaps: true,
        // The second line (diastolic) is dashed: told apart by more than its colour.
        ...(i === 1 ? { dash: [8, 5] } : {}),
        points: { show: true, size: 9, stroke: colours.lines[i] ?? colours.text, fill: colours.surface, width: 2 },
      })),
    ],
    hooks: {
      drawClear: [(u) => drawBand(u, data, colours.band)],
      draw: [(u) => drawOutOfRange(u, data, colours)],
    },
  };
}

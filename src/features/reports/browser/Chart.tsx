import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** A small chart beside a report table: a line over periods, or bars over categories. Drawn by uPlot on a canvas. */

export interface ChartSeries {
  label: string;
  values: readonly number[];
  color: string;
}

export interface ChartSpec {
  kind: 'line' | 'bars';
  /** What each point on the x axis is called: a period, a model, a number of days. */
  categories: readonly string[];
  series: readonly ChartSeries[];
  xLabel: string;
  yLabel: string;
}

const WIDTH = 460;
const HEIGHT = 260;
const MAX_LABELS = 12;

/**
 * The page's own font stack (`--font`, set per language by the renderer's stylesheet): canvas text
 * then takes Hangul and Han from Depot's bundled Noto faces, as the table beside it does.
 */
function fontOf(element: Element, size: number, weight = 400): string {
  const family = getComputedStyle(element).getPropertyValue('--font').trim() || 'sans-serif';
  return `${weight} ${size}px ${family}`;
}

function options(spec: ChartSpec, element: Element): uPlot.Options {
  const font = fontOf(element, 12);
  const labelFont = fontOf(element, 12, 700);
  const count = spec.categories.length;
  const step = Math.max(1, Math.ceil(count / MAX_LABELS));
  const text = getComputedStyle(element).color || '#1d2330';
  const grid = { stroke: '#e4e7ec', width: 1 };
  const bars = spec.kind === 'bars';
  return {
    width: WIDTH,
    height: HEIGHT,
    // The legend is the figure's own (HTML, in the page's fonts); uPlot's would name the x values in English.
    legend: { show: false },
    cursor: { show: false },
    scales: {
      x: { time: false, range: [-0.5, Math.max(count - 0.5, 0.5)] },
      y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.15))] },
    },
    axes: [
      {
        font,
        labelFont,
        label: spec.xLabel,
        stroke: text,
        grid: { show: false },
        splits: () => spec.categories.map((_, i) => i).filter((i) => i % step === 0),
        values: (_u, splits) => splits.map((i) => spec.categories[i] ?? ''),
      },
      {
        font,
        labelFont,
        label: spec.yLabel,
        stroke: text,
        grid,
        // Counts of cases: whole numbers only.
        incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000],
        values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')),
      },
    ],
    series: [
      {},
      ...spec.series.map(
        (s): uPlot.Series => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          ...(bars ? { fill: s.color, paths: uPlot.paths.bars!({ size: [0.7, 48] }), points: { show: false } } : { points: { show: true, size: 5 } }),
        }),
      ),
    ],
  };
}

/** The chart of a spec, drawn again when it changes; its title is the canvas's accessible name. */
export function Chart({ title, spec }: { title: string; spec: ChartSpec }) {
  const target = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(spec);
  useEffect(() => {
    const element = target.current;
    if (!element) return;
    let plot: uPlot | null = null;
    let current = true;
    // A bundled face loads only once a character it covers is wanted: load the labels' faces before drawing them.
    const words = [spec.xLabel, spec.yLabel, ...spec.categories].join(' ');
    void Promise.all([document.fonts.load(fontOf(element, 12), words), document.fonts.load(fontOf(element, 12, 700), words)])
      .catch(() => [])
      .then(() => {
        if (!current) return;
        plot = new uPlot(options(spec, element), [spec.categories.map((_, i) => i), ...spec.series.map((s) => [...s.values])], element);
        plot.root.querySelector('canvas')?.setAttribute('aria-hidden', 'true');
      });
    return () => {
      current = false;
      plot?.destroy();
    };
    // The spec is compared by its JSON (key): a new object with the same figures draws nothing again.
  }, [key]);
  return (
    <figure className="report-chart">
      <div ref={target} role="img" aria-label={title} />
      <figcaption>
        {spec.series.length > 1 ? (
          <ul className="chart-legend">
            {spec.series.map((s) => (
              <li key={s.label}>
                <svg width="12" height="12" aria-hidden="true">
                  <rect width="12" height="12" fill={s.color} />
                </svg>
                {s.label}
              </li>
            ))}
          </ul>
        ) : null}
        {title}
      </figcaption>
    </figure>
  );
}

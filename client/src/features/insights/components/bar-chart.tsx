import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { useEffect, useRef } from "react";

// Only the parts these screens draw, so the chunk stays small (Chart.js is tree-shakable).
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** One series of a bar chart. */
export interface BarSeries {
  label: string;
  values: number[];
  /** A colour of the page's palette: a CSS custom property such as "--accent". */
  color: `--${string}`;
}

interface BarChartProps {
  labels: string[];
  series: BarSeries[];
  /** What the chart shows, for screen readers (the table beside it has the figures). */
  description: string;
  stacked?: boolean;
  horizontal?: boolean;
}

/** Longest category name shown beside a horizontal bar. */
const MAX_LABEL = 22;

function cssColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "#1f4e79";
}

/** A bar chart drawn with Chart.js; the figures themselves are in the table that goes with it. */
export function BarChart({ labels, series, description, stacked = false, horizontal = false }: BarChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const text = cssColor("--muted");
    const grid = cssColor("--border");
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels,
        datasets: series.map((entry) => ({
          label: entry.label,
          data: entry.values,
          backgroundColor: cssColor(entry.color),
          borderRadius: 2,
          maxBarThickness: 36,
        })),
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: series.length > 1, labels: { color: text } },
          tooltip: { enabled: true },
        },
        scales: {
          x: {
            stacked,
            beginAtZero: true,
            ticks: { color: text, autoSkip: true, maxRotation: 0 },
            grid: { color: grid },
          },
          y: {
            stacked,
            beginAtZero: true,
            ticks: {
              color: text,
              precision: 0,
              // long category names (practice titles) are cut, not clipped at the canvas edge; the tooltip has them whole
              callback(value) {
                const label = horizontal ? this.getLabelForValue(Number(value)) : String(value);
                return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
              },
            },
            grid: { color: grid },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [labels, series, stacked, horizontal]);

  const height = horizontal ? Math.max(160, labels.length * 28 + 48) : 220;
  return (
    <div className="insight-chart" style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={description} />
    </div>
  );
}

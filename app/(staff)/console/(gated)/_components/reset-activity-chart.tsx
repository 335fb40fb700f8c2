// Resets and completed re-registrations per day as an inline SVG bar chart. Screen readers
// get a summary in the SVG's title and description, and the same numbers as a table.
import type { DayCount } from "@/lib/follow-up/reset-follow-up-stats";

const WIDTH = 720;
const HEIGHT = 180;
const PAD_LEFT = 32;
const PAD_BOTTOM = 22;
const RESET_COLOR = "#1d4ed8"; // blue-700
const DONE_COLOR = "#047857"; // emerald-700

export function ResetActivityChart({ days }: { days: DayCount[] }) {
  const max = Math.max(1, ...days.flatMap((day) => [day.resets, day.reregistered]));
  const slot = (WIDTH - PAD_LEFT) / days.length;
  const bar = Math.max(2, slot / 2 - 2);
  const plotHeight = HEIGHT - PAD_BOTTOM - 8;
  const y = (value: number) => HEIGHT - PAD_BOTTOM - (value / max) * plotHeight;
  const totalResets = days.reduce((sum, day) => sum + day.resets, 0);
  const totalDone = days.reduce((sum, day) => sum + day.reregistered, 0);
  return (
    <figure className="space-y-2">
      <figcaption className="flex flex-wrap items-center gap-4 text-sm text-slate-700">
        <span className="font-medium text-slate-900">Last 30 days (UTC)</span>
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-block h-3 w-3 rounded-sm" style={{ background: RESET_COLOR }} aria-hidden="true" /> Logins reset ({totalResets})
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-block h-3 w-3 rounded-sm" style={{ background: DONE_COLOR }} aria-hidden="true" /> Re-registered ({totalDone})
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-labelledby="reset-chart-title reset-chart-desc">
        <title id="reset-chart-title">Logins reset and re-registered per day, last 30 days</title>
        <desc id="reset-chart-desc">
          {`${totalResets} logins reset and ${totalDone} re-registrations completed in the last 30 days. The table below lists each day.`}
        </desc>
        <line x1={PAD_LEFT} x2={WIDTH} y1={HEIGHT - PAD_BOTTOM} y2={HEIGHT - PAD_BOTTOM} stroke="#94a3b8" />
        <text x={PAD_LEFT - 6} y={y(max) + 4} textAnchor="end" fontSize="11" fill="#334155">
          {max}
        </text>
        <text x={PAD_LEFT - 6} y={HEIGHT - PAD_BOTTOM} textAnchor="end" fontSize="11" fill="#334155">
          0
        </text>
        {days.map((day, index) => {
          const x = PAD_LEFT + index * slot + 1;
          return (
            <g key={day.day}>
              <rect x={x} y={y(day.resets)} width={bar} height={HEIGHT - PAD_BOTTOM - y(day.resets)} fill={RESET_COLOR} />
              <rect x={x + bar + 1} y={y(day.reregistered)} width={bar} height={HEIGHT - PAD_BOTTOM - y(day.reregistered)} fill={DONE_COLOR} />
              {index % 7 === 0 || index === days.length - 1 ? (
                <text x={x + bar} y={HEIGHT - 6} textAnchor="middle" fontSize="11" fill="#334155">
                  {day.day.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <details className="text-sm">
        <summary className="cursor-pointer text-blue-700">Show the numbers as a table</summary>
        <table className="mt-2 min-w-[16rem] text-left" data-testid="reset-activity-table">
          <caption className="sr-only">Logins reset and re-registered per day</caption>
          <thead>
            <tr className="text-slate-700">
              <th scope="col" className="pe-4">Day (UTC)</th>
              <th scope="col" className="pe-4">Reset</th>
              <th scope="col">Re-registered</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.day}>
                <th scope="row" className="pe-4 font-normal">{day.day}</th>
                <td className="pe-4">{day.resets}</td>
                <td>{day.reregistered}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

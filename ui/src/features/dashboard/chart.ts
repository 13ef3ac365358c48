// The hourly chart's geometry: amounts in minor units, a scale with round steps, and bar heights.
// Amounts are decimal strings; they become numbers of minor units only to be drawn (exact up to
// 2^53, far above the backend's largest amount).
import { fromMinor, placesOf, toMinor } from '../../lib/money';
import type { HourTotals } from '../../lib/backend/backend';

export interface ChartScale {
  /** The value at the top of the plot, in minor units; 0 when there is nothing to draw. */
  top: number;
  /** The gridlines' values from 0 up to `top`. */
  ticks: number[];
}

/** The decimal places the chart's amounts are written with (the currency's). */
export function placesOfHours(hours: HourTotals[]): number {
  return Math.max(0, ...hours.flatMap((h) => [placesOf(h.topups), placesOf(h.charges)]));
}

/** An amount as the backend writes it, in minor units; 0 for anything that is no amount. */
export function minorUnits(amount: string, places: number): number {
  try {
    return Number(toMinor(amount, places));
  } catch {
    return 0;
  }
}

/** The smallest of 1, 2 or 5 times a power of ten that is at least `rough` (and at least 1). */
export function niceStep(rough: number): number {
  if (!(rough > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const factor of [1, 2, 5, 10]) {
    if (factor * power >= rough) return factor * power;
  }
  return 10 * power;
}

/** A scale for values up to `max` (minor units) in about `steps` round steps. */
export function chartScale(max: number, steps = 4): ChartScale {
  if (!(max > 0)) return { top: 0, ticks: [0] };
  const step = niceStep(max / steps);
  const top = step * Math.ceil(max / step);
  const ticks: number[] = [];
  for (let value = 0; value <= top; value += step) ticks.push(value);
  return { top, ticks };
}

/** A bar's height for `value` on a plot `height` high; at least a sliver for anything above 0. */
export function barHeight(value: number, top: number, height: number): number {
  if (!(top > 0) || !(value > 0)) return 0;
  return Math.max(1, (Math.min(value, top) / top) * height);
}

/** A gridline's value as the backend would write it, without decimals when it has none: 2500, 2 → "25". */
export function tickAmount(minor: number, places: number): string {
  const unit = 10 ** places;
  return minor % unit === 0 ? String(minor / unit) : fromMinor(BigInt(minor), places);
}

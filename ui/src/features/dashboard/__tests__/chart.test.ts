import { describe, expect, it } from 'vitest';
import { barHeight, chartScale, minorUnits, niceStep, placesOfHours, tickAmount } from '../chart';

describe('the hourly chart’s scale', () => {
  it('rounds a step up to 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0)).toBe(1);
    expect(niceStep(0.3)).toBe(1);
    expect(niceStep(1)).toBe(1);
    expect(niceStep(1.5)).toBe(2);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(500)).toBe(500);
    expect(niceStep(512.5)).toBe(1000);
    expect(niceStep(1_250)).toBe(2_000);
  });

  it('tops the plot at the first round value at or above the largest bar, in about four steps', () => {
    expect(chartScale(2000)).toEqual({ top: 2000, ticks: [0, 500, 1000, 1500, 2000] });
    expect(chartScale(2050)).toEqual({ top: 3000, ticks: [0, 1000, 2000, 3000] });
    expect(chartScale(1)).toEqual({ top: 1, ticks: [0, 1] });
    expect(chartScale(37_450).top).toBeGreaterThanOrEqual(37_450);
  });

  it('draws nothing to scale for a day without credit', () => {
    expect(chartScale(0)).toEqual({ top: 0, ticks: [0] });
    expect(barHeight(0, 0, 180)).toBe(0);
  });

  it('gives bars a height in proportion, and a sliver to any amount above zero', () => {
    expect(barHeight(1000, 2000, 180)).toBe(90);
    expect(barHeight(2000, 2000, 180)).toBe(180);
    expect(barHeight(1, 1_000_000, 180)).toBe(1);
    expect(barHeight(0, 2000, 180)).toBe(0);
  });

  it('reads amounts exactly in minor units, and anything else as nothing', () => {
    expect(minorUnits('12.50', 2)).toBe(1250);
    expect(minorUnits('500', 0)).toBe(500);
    expect(minorUnits('not an amount', 2)).toBe(0);
    expect(placesOfHours([{ start: '2026-11-23T00:00:00Z', topups: '0.00', charges: '12.50' }])).toBe(2);
    expect(placesOfHours([{ start: '2026-11-23T00:00:00Z', topups: '0', charges: '500' }])).toBe(0);
  });

  it('labels gridlines without decimals where they have none', () => {
    expect(tickAmount(2500, 2)).toBe('25');
    expect(tickAmount(250, 2)).toBe('2.50');
    expect(tickAmount(0, 2)).toBe('0');
    expect(tickAmount(500, 0)).toBe('500');
  });
});

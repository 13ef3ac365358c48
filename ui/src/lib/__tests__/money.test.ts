import { describe, expect, it } from 'vitest';
import {
  absoluteAmount,
  formatMoney,
  fromMinor,
  isPositiveAmount,
  parseMoneyInput,
  placesOf,
  subtractAmounts,
  toMinor,
} from '../money';

function value(text: string, places = 2, rules = {}): string {
  const parsed = parseMoneyInput(text, places, rules);
  if (!parsed.ok) throw new Error(`${text} was refused: ${parsed.error}`);
  return parsed.value;
}

function refusal(text: string, places = 2, rules = {}): string {
  const parsed = parseMoneyInput(text, places, rules);
  if (parsed.ok) throw new Error(`${text} was read as ${parsed.value}`);
  return parsed.error;
}

describe('reading what staff typed', () => {
  it('reads a comma or a dot as the decimal separator and writes the currency’s places', () => {
    expect(value('12,50')).toBe('12.50');
    expect(value('12,5')).toBe('12.50');
    expect(value('12.5')).toBe('12.50');
    expect(value('12')).toBe('12.00');
    expect(value('  7 ')).toBe('7.00');
    expect(value('.5')).toBe('0.50');
    expect(value('3.')).toBe('3.00');
    expect(value('0012.30')).toBe('12.30');
  });

  it('ignores spaces and apostrophes people type between thousands', () => {
    expect(value('1 234,50')).toBe('1234.50');
    expect(value("1'234.50")).toBe('1234.50');
  });

  it('keeps amounts exact where a float would not', () => {
    expect(value('0.1')).toBe('0.10');
    expect(value('0.29')).toBe('0.29');
    expect(value('1234567890123.45')).toBe('1234567890123.45');
    expect(value('9999999999999.99')).toBe('9999999999999.99');
  });

  it('follows the currency’s places: none for yen, three for dinar', () => {
    expect(value('500', 0)).toBe('500');
    expect(value('500.000', 0)).toBe('500');
    expect(refusal('500.5', 0)).toBe('This currency has no decimal places.');
    expect(value('1.5', 3)).toBe('1.500');
    expect(value('1.234', 3)).toBe('1.234');
  });

  it('refuses more places than the currency has, but not zeros after them', () => {
    expect(refusal('12.345')).toBe('Ensure that there are no more than 2 decimal places.');
    expect(refusal('0.001')).toBe('Ensure that there are no more than 2 decimal places.');
    expect(value('12.500')).toBe('12.50');
  });

  it('refuses what is not an amount', () => {
    for (const garbage of ['', '   ', 'abc', '12a', '1.2.3', '1,2,3', '1.234,50', '--1', '1e3', '€12', '12-', '.', '-', 'NaN', 'Infinity']) {
      expect(refusal(garbage), garbage).toMatch(/^Enter an amount, for example 12\.50\.$/);
    }
    expect(refusal('', 0)).toBe('Enter an amount, for example 12.');
  });

  it('refuses a minus sign unless the amount may go either way', () => {
    expect(refusal('-5')).toBe('Enter the amount without a minus sign.');
    expect(value('-5', 2, { signed: true })).toBe('-5.00');
    expect(value('−2,5', 2, { signed: true })).toBe('-2.50');
    expect(value('+2.5', 2, { signed: true })).toBe('2.50');
    expect(value('+2.5')).toBe('2.50');
  });

  it('refuses zero unless it is allowed, and never writes minus zero', () => {
    expect(refusal('0')).toBe('Enter an amount greater than 0.');
    expect(refusal('0,00', 2, { signed: true })).toBe('Enter an amount other than 0.');
    expect(value('0', 2, { zero: true })).toBe('0.00');
    expect(value('-0.00', 2, { zero: true, signed: true })).toBe('0.00');
  });

  it('refuses amounts beyond what the backend keeps', () => {
    expect(value('10000000000000.00')).toBe('10000000000000.00');
    expect(refusal('10000000000000.01')).toBe('This amount is too large.');
  });
});

describe('amounts as the backend writes them', () => {
  it('converts to and from minor units with BigInt', () => {
    expect(toMinor('12.50', 2)).toBe(1250n);
    expect(toMinor('-0.05', 2)).toBe(-5n);
    expect(toMinor('500', 0)).toBe(500n);
    expect(toMinor('1.5', 2)).toBe(150n);
    expect(toMinor('90071992547409.93', 2)).toBe(9007199254740993n);
    expect(() => toMinor('1.005', 2)).toThrow(RangeError);
    expect(() => toMinor('12,50', 2)).toThrow(RangeError);
    expect(fromMinor(1250n, 2)).toBe('12.50');
    expect(fromMinor(-5n, 2)).toBe('-0.05');
    expect(fromMinor(7n, 0)).toBe('7');
    expect(fromMinor(1n, 3)).toBe('0.001');
    expect(fromMinor(9007199254740993n, 2)).toBe('90071992547409.93');
  });

  it('knows their places, sign and difference', () => {
    expect(placesOf('12.50')).toBe(2);
    expect(placesOf('500')).toBe(0);
    expect(placesOf('-0.125')).toBe(3);
    expect(absoluteAmount('-4.50')).toBe('4.50');
    expect(absoluteAmount('4.50')).toBe('4.50');
    expect(isPositiveAmount('0.01')).toBe(true);
    expect(isPositiveAmount('0.00')).toBe(false);
    expect(isPositiveAmount('-1.00')).toBe(false);
    expect(subtractAmounts('4.50', '1.50')).toBe('3.00');
    expect(subtractAmounts('0.30', '0.10')).toBe('0.20');
    expect(subtractAmounts('1.00', '1.50')).toBe('-0.50');
  });
});

describe('showing amounts', () => {
  it('uses the locale’s currency pattern', () => {
    expect(formatMoney('12.50', 'EUR', { locale: 'en-US' })).toBe('€12.50');
    expect(formatMoney('12.50', 'EUR', { locale: 'de-DE' })).toBe('12,50\u00a0€');
    expect(formatMoney('1234567.05', 'EUR', { locale: 'de-DE' })).toBe('1.234.567,05\u00a0€');
    expect(formatMoney('1234567.05', 'USD', { locale: 'en-US' })).toBe('$1,234,567.05');
    expect(formatMoney('500', 'JPY', { locale: 'en-US' })).toBe('¥500');
  });

  it('keeps every digit of the string, even beyond a float’s precision', () => {
    expect(formatMoney('90071992547409.93', 'EUR', { locale: 'en-US' })).toBe('€90,071,992,547,409.93');
    expect(formatMoney('0.10', 'EUR', { locale: 'en-US' })).toBe('€0.10');
  });

  it('shows negative amounts, and a plus on request, never a signed zero', () => {
    expect(formatMoney('-0.20', 'EUR', { locale: 'en-US' })).toBe('-€0.20');
    expect(formatMoney('-4.50', 'EUR', { locale: 'en-US', signed: true })).toBe('-€4.50');
    expect(formatMoney('20.00', 'EUR', { locale: 'en-US', signed: true })).toBe('+€20.00');
    expect(formatMoney('0.00', 'EUR', { locale: 'en-US', signed: true })).toBe('€0.00');
    expect(formatMoney('-0.00', 'EUR', { locale: 'en-US' })).toBe('€0.00');
  });

  it('falls back to the amount and code for what Intl cannot format', () => {
    expect(formatMoney('1.50', 'EURO')).toBe('1.50 EURO');
    expect(formatMoney('12,50', 'EUR')).toBe('12,50 EUR');
  });
});

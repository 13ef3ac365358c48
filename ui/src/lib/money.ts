// Money as the desk handles it: decimal strings from end to end, never a floating-point number.
// The backend writes amounts with exactly the currency's places ("12.50", "-0.20", JPY "500");
// people type "12,50", "12.5" or "12". Arithmetic runs on BigInt minor units (cents). Amounts show
// in the window's language (see i18n), whatever the browser's own.
import { intlLocale } from './i18n.svelte';
import { m } from './messages';

/** The largest amount in minor units the backend keeps (its MAX_MINOR). */
const MAX_MINOR = 10n ** 15n;

/** An amount as the backend writes it: an optional minus, digits, optionally a dot and digits. */
const WIRE = /^(-?)(\d+)(?:\.(\d+))?$/;

/** What people type: a sign, digits, and at most one decimal separator (dot or comma). */
const TYPED = /^([+-]?)(\d*)(?:[.,](\d*))?$/;

export type MoneyInput = { ok: true; value: string } | { ok: false; error: string };

export interface MoneyInputRules {
  /** A minus sign is allowed (a correction either way). */
  signed?: boolean;
  /** Zero is allowed (a limit of none). */
  zero?: boolean;
}

/** The decimal places of an amount as the backend writes it: "12.50" → 2, "500" → 0. */
export function placesOf(amount: string): number {
  return WIRE.exec(amount)?.[3]?.length ?? 0;
}

/** An amount as the backend writes it, in minor units of a currency with `places`. */
export function toMinor(amount: string, places: number): bigint {
  const match = WIRE.exec(amount);
  if (!match) throw new RangeError(`Not an amount: ${JSON.stringify(amount)}`);
  const [, sign, whole, fraction = ''] = match;
  const kept = fraction.slice(0, places);
  if (/[1-9]/.test(fraction.slice(places))) throw new RangeError(`${amount} has more than ${places} decimal places`);
  const minor = BigInt(whole + kept.padEnd(places, '0'));
  return sign === '-' ? -minor : minor;
}

/** Minor units as the backend writes the amount: 1250n, 2 → "12.50"; -5n, 2 → "-0.05". */
export function fromMinor(minor: bigint, places: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places);
  return `${negative ? '-' : ''}${whole}${places > 0 ? `.${fraction}` : ''}`;
}

/** `a - b` for two amounts as the backend writes them, with the places of `a`. */
export function subtractAmounts(a: string, b: string): string {
  const places = placesOf(a);
  return fromMinor(toMinor(a, places) - toMinor(b, places), places);
}

/** The amount without its sign. */
export function absoluteAmount(amount: string): string {
  return amount.startsWith('-') ? amount.slice(1) : amount;
}

/** True for an amount above zero. */
export function isPositiveAmount(amount: string): boolean {
  return WIRE.test(amount) && !amount.startsWith('-') && /[1-9]/.test(amount);
}

/**
 * What a person typed, as the backend's decimal string with exactly `places` places, or why it is
 * not an amount. Spaces and apostrophes (thousands separators as people type them) are ignored; a
 * comma is read as the decimal separator. Zeros past the currency's places are fine ("12.500").
 */
export function parseMoneyInput(text: string, places: number, rules: MoneyInputRules = {}): MoneyInput {
  const cleaned = text.replace(/[\s'’]/g, '').replace(/^\u2212/, '-');
  const match = TYPED.exec(cleaned);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    return { ok: false, error: places > 0 ? m().moneyEnter : m().moneyEnterWhole };
  }
  const [, sign, whole, typedFraction = ''] = match;
  if (sign === '-' && !rules.signed) return { ok: false, error: m().moneyNoMinus };
  const fraction = typedFraction.replace(/0+$/, '');
  if (fraction.length > places) {
    return {
      ok: false,
      error: places === 0 ? m().moneyNoPlaces : m().moneyTooManyPlaces(places),
    };
  }
  const minor = BigInt((whole || '0') + fraction.padEnd(places, '0'));
  if (minor === 0n && !rules.zero) {
    return { ok: false, error: rules.signed ? m().moneyNotZero : m().moneyAboveZero };
  }
  if (minor > MAX_MINOR) return { ok: false, error: m().moneyTooLarge };
  return { ok: true, value: fromMinor(sign === '-' ? -minor : minor, places) };
}

export interface MoneyFormat {
  /** The window's language (`intlLocale()`) when absent. */
  locale?: string;
  /** A plus before amounts above zero (ledger entries). */
  signed?: boolean;
}

/**
 * An amount for people: "12.50" in EUR → "€12.50" (en) or "12,50 €" (de). The locale's currency
 * pattern comes from Intl, but the digits are the string's own: Intl only ever formats BigInts, so
 * no amount passes through a float.
 */
export function formatMoney(amount: string, currency: string, format: MoneyFormat = {}): string {
  const match = WIRE.exec(amount);
  if (!match) return `${amount} ${currency}`;
  const [, sign, whole, fraction = ''] = match;
  const zero = !/[1-9]/.test(whole + fraction);
  let numbers: Intl.NumberFormat;
  try {
    numbers = new Intl.NumberFormat(format.locale ?? intlLocale(), {
      style: 'currency',
      currency,
      numberingSystem: 'latn',
      minimumFractionDigits: fraction.length,
      maximumFractionDigits: fraction.length,
      signDisplay: format.signed ? 'exceptZero' : 'auto',
    });
  } catch {
    // Not a currency Intl accepts: the plain amount and code still say it exactly.
    return `${amount} ${currency}`;
  }
  const grouped = numbers
    .formatToParts(BigInt(whole))
    .filter((part) => part.type === 'integer' || part.type === 'group')
    .map((part) => part.value)
    .join('');
  const pattern = numbers.formatToParts(zero ? 0n : sign === '-' ? -1n : 1n);
  return pattern
    .map((part) => (part.type === 'integer' ? grouped : part.type === 'fraction' ? fraction : part.value))
    .join('');
}

// Human names for the languages a customer may have (session.locales), in the window's language:
// pretix's codes ("de", "pt-br", "zh-hans", "de-informal") named by Intl.DisplayNames.
import { intlLocale } from './i18n.svelte';
import { m } from './messages';

const INFORMAL = '-informal';

/** Intl's name of a BCP 47 tag in the window's language, or null when it has none. */
function displayName(code: string): string | null {
  try {
    const name = new Intl.DisplayNames([intlLocale()], { type: 'language', languageDisplay: 'standard' }).of(code);
    return name && name.toLowerCase() !== code.toLowerCase() ? name : null;
  } catch {
    // Not a BCP 47 tag: no name.
    return null;
  }
}

/** "de" → "German" (or "Deutsch"); "de-informal" → "German (informal “Du”)"; an unknown code as it is. */
export function localeLabel(code: string): string {
  const lower = code.toLowerCase();
  if (lower.endsWith(INFORMAL)) {
    const base = lower.slice(0, -INFORMAL.length);
    const name = displayName(base);
    if (name === null) return code;
    return `${name} (${base === 'de' ? m().informal : m().informalShort})`;
  }
  return displayName(code) ?? code;
}

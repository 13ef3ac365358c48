// Human names for the languages a customer may have (session.locales).
const KNOWN: Record<string, string> = {
  en: 'English',
  de: 'German',
  'de-informal': 'German (informal “Du”)',
  nl: 'Dutch',
  'nl-informal': 'Dutch (informal)',
  fr: 'French',
  es: 'Spanish',
  it: 'Italian',
  pt: 'Portuguese',
  'pt-br': 'Portuguese (Brazil)',
  'pt-pt': 'Portuguese (Portugal)',
  da: 'Danish',
  sv: 'Swedish',
  fi: 'Finnish',
  nb: 'Norwegian Bokmål',
  pl: 'Polish',
  cs: 'Czech',
  ru: 'Russian',
  uk: 'Ukrainian',
  ja: 'Japanese',
  'zh-hans': 'Chinese (Simplified)',
  'zh-hant': 'Chinese (Traditional)',
};

export function localeLabel(code: string): string {
  const known = KNOWN[code.toLowerCase()];
  if (known) return known;
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
    if (name && name !== code) return name;
  } catch {
    // Not a BCP 47 tag: show the code itself.
  }
  return code;
}

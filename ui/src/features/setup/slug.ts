// A suggestion only: the server decides what a valid slug is and says so in field errors.
const SPECIAL: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', þ: 'th' };

/** "Théâtre am Fluß" → "theatre-am-fluss": lower case ASCII letters, digits and dashes. */
export function suggestSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[ßæøœłđþ]/g, (c) => SPECIAL[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 50)
    .replace(/-+$/, '');
}

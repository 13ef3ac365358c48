// Which organizer the desk shows. The last choice is remembered on this computer (a slug, not a
// secret), so a desk that serves one venue of several opens on it.
import type { Session } from '../lib/backend/backend';

const STORAGE_KEY = 'tessera.organizer';

export function chooseOrganizer(session: Session, wanted: string | null): string | null {
  const slugs = session.organizers.map((o) => o.slug);
  if (wanted && slugs.includes(wanted)) return wanted;
  const remembered = readRemembered();
  if (remembered && slugs.includes(remembered)) return remembered;
  return slugs[0] ?? null;
}

export function rememberOrganizer(slug: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, slug);
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this window only.
  }
}

function readRemembered(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

// Which update answers the window shows, and how each one reads.
import type { UpdateCheck, UpdateChecked, UpdateReason, UpdateState } from '../../lib/backend/backend';
import { formatDateTime } from '../../lib/local-time';
import { m } from './messages';

/** An update to act on: offered, or installed and waiting for a restart. */
export function isNews(state: UpdateState): boolean {
  return state === 'available' || state === 'installed';
}

/**
 * Whether the notice at the top shows an answer: news always; any other answer only when someone
 * asked from the menu or installed (the check on start stays quiet when there is nothing to do,
 * offline above all).
 */
export function noticeShows(event: UpdateChecked): boolean {
  if (event.check.state === 'unsupported') return false;
  return isNews(event.check.state) || event.reason === 'menu' || event.reason === 'install';
}

export interface AnswerText {
  tone: 'info' | 'success' | 'error';
  title: string;
  hint: string;
}

/** An answer in words: what was found (or, after an install, what happened), and what to do next. */
export function describeAnswer(check: UpdateCheck, reason?: UpdateReason): AnswerText {
  const t = m();
  const version = check.version ?? '';
  if (reason === 'install' && (check.state === 'failed' || check.state === 'offline')) {
    return { tone: 'error', title: t.notInstalled, hint: t.notInstalledHint };
  }
  switch (check.state) {
    case 'available':
      return { tone: 'info', title: t.available(version), hint: check.date ? t.published(formatDateTime(check.date)) : '' };
    case 'installed':
      return { tone: 'success', title: t.installed(version), hint: t.restartHint };
    case 'up_to_date':
      return { tone: 'success', title: t.upToDate(check.current_version), hint: '' };
    case 'offline':
      return { tone: 'info', title: t.offline, hint: t.offlineHint };
    case 'not_configured':
      return { tone: 'info', title: t.notConfigured, hint: t.notConfiguredHint };
    default:
      return { tone: 'error', title: t.failed, hint: t.failedHint };
  }
}

// Updates as the fake backend plays them, with the window's rules: settings an administrator keeps
// (an http or https endpoint, placeholders only in double braces), a check that answers from what
// the update server offers (or `offline`, `failed`, `not_configured`), an install that answers
// `installed`, and the news the window hears (tests announce the check on start or from the menu).
// With no settings it behaves as a browser on the LAN: updates do not apply.
import { AppError, type UpdateCheck, type UpdateChecked, type UpdateReason, type UpdateSettings } from '../lib/backend/backend';

/** A release the update server offers. */
export interface FakeRelease {
  version: string;
  notes?: string | null;
  date?: string | null;
}

export interface FakeUpdatesOptions {
  /** The stored settings (no endpoint, check on start, when absent); null as in a browser. */
  settings?: UpdateSettings | null;
  /** What the server offers; nothing newer when absent. */
  offered?: FakeRelease | null;
  /** How the server answers: as it should, not at all (`offline`), or with an error (`failed`). */
  server?: 'online' | 'offline' | 'failing';
  /** The version running; 0.1.0 when absent. */
  currentVersion?: string;
  /** Why installing the offered version fails (a bad signature, say); it installs when absent. */
  installFailure?: string | null;
}

const PLACEHOLDERS = ['{{target}}', '{{arch}}', '{{current_version}}', '{{bundle_type}}'];

function endpointProblem(endpoint: string): string | null {
  let rest = endpoint;
  for (const placeholder of PLACEHOLDERS) rest = rest.split(placeholder).join('');
  if (/[{}]/.test(rest)) return 'Only {{target}}, {{arch}}, {{current_version}} and {{bundle_type}} may appear in braces.';
  if (!/^https?:\/\/[^/\s?#]+/i.test(endpoint)) return 'The address must start with https:// or http://.';
  return null;
}

export class FakeUpdates {
  settings: UpdateSettings | null;
  offered: FakeRelease | null;
  server: 'online' | 'offline' | 'failing';
  currentVersion: string;
  installFailure: string | null;
  latest: UpdateCheck | null = null;
  /** How often Tessera was asked to restart. */
  restarts = 0;
  private listeners = new Set<(event: UpdateChecked) => void>();

  constructor(options: FakeUpdatesOptions = {}) {
    this.settings = options.settings === undefined ? { endpoint: null, check_on_start: true } : options.settings;
    this.offered = options.offered ?? null;
    this.server = options.server ?? 'online';
    this.currentVersion = options.currentVersion ?? '0.1.0';
    this.installFailure = options.installFailure ?? null;
  }

  private answer(state: UpdateCheck['state'], extra: Partial<UpdateCheck> = {}): UpdateCheck {
    return { current_version: this.currentVersion, state, version: null, notes: null, date: null, message: null, ...extra };
  }

  private offer(state: 'available' | 'installed', release: FakeRelease): UpdateCheck {
    return this.answer(state, { version: release.version, notes: release.notes ?? null, date: release.date ?? null });
  }

  /** What asking the server now finds. */
  private find(): UpdateCheck {
    if (!this.settings) return this.answer('unsupported');
    if (!this.settings.endpoint) return this.answer('not_configured');
    if (this.server === 'offline') {
      return this.answer('offline', { message: 'error sending request: client error (Connect)' });
    }
    if (this.server === 'failing') {
      return this.answer('failed', { message: 'Could not fetch a valid release JSON from the remote' });
    }
    return this.offered ? this.offer('available', this.offered) : this.answer('up_to_date');
  }

  saveSettings(settings: UpdateSettings): UpdateSettings {
    if (!this.settings) throw new AppError('refused', 'Updates are installed in the Tessera window on the desk computer.');
    const endpoint = settings.endpoint?.trim() || null;
    const problem = endpoint === null ? null : endpointProblem(endpoint);
    if (problem) throw new AppError('validation', 'Please correct the marked fields.', { endpoint: [problem] });
    this.settings = { endpoint, check_on_start: settings.check_on_start };
    return { ...this.settings };
  }

  check(): UpdateCheck {
    const answer = this.find();
    if (answer.state !== 'unsupported') this.announce('window', answer);
    return answer;
  }

  install(): UpdateCheck {
    const found = this.find();
    let answer = found;
    if (found.state === 'available' && this.installFailure) answer = this.answer('failed', { message: this.installFailure });
    else if (found.state === 'available' && this.offered) answer = this.offer('installed', this.offered);
    this.announce('install', answer);
    return answer;
  }

  /** For tests: the window tells about an answer (the check on start, "Check for updates…" in the menu). */
  announce(reason: UpdateReason, check: UpdateCheck = this.find()): void {
    this.latest = check;
    for (const listener of this.listeners) listener({ reason, check: { ...check } });
  }

  listen(listener: (event: UpdateChecked) => void): () => void {
    if (!this.settings) return () => {};
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** How many are listening for news now. */
  get listening(): number {
    return this.listeners.size;
  }
}

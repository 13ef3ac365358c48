// The desk's start screen as the fake backend computes it, from the same stores the other
// operations use (as the core's dashboard reads the same services): credit booked since `since`
// with 24 hourly buckets, memberships valid now by type, waiting lists with anybody waiting,
// terminals seen in the last 10 minutes, and the outbox. Amounts leave it as decimal strings.
import type {
  AmountSum,
  BackupInfo,
  Dashboard,
  DeviceSummary,
  HourTotals,
  MembershipType,
  OutboxMail,
  WaitingListLength,
} from '../lib/backend/backend';
import { fromMinor } from '../lib/money';
import { currencyPlaces, type FakeEntry } from './fake-credit';
import type { FakeEvent } from './fake-events';

const HOUR_MS = 3_600_000;
/** How recently a terminal must have been seen to count as there. */
export const TERMINAL_WINDOW_MS = 10 * 60_000;

/** What the dashboard is computed from; the fake backend gathers it for one organizer. */
export interface DashboardSources {
  currency: string;
  since: string;
  /** The backend's clock, in milliseconds. */
  now: number;
  entries: FakeEntry[];
  /** Each type with how many of its memberships are valid now. */
  memberships: { type: MembershipType; active: number }[];
  events: FakeEvent[];
  devices: DeviceSummary[];
  mails: OutboxMail[];
  /** Null also for users who are no administrators. */
  lastBackup: BackupInfo | null;
  /** The user's language, for names kept in several. */
  locale: string;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A name kept in several languages, in `locale` where it has one. */
function localized(name: Record<string, string>, locale: string): string {
  return name[locale] ?? name[locale.slice(0, 2)] ?? name.en ?? Object.values(name)[0] ?? '';
}

function abs(minor: bigint): bigint {
  return minor < 0n ? -minor : minor;
}

export function dashboardOf(sources: DashboardSources): Dashboard {
  const places = currencyPlaces(sources.currency);
  const from = Date.parse(sources.since);
  const until = from + 24 * HOUR_MS;
  const booked = sources.entries.filter((e) => {
    const at = Date.parse(e.createdAt);
    return at >= from && at < until;
  });
  const sum = (kind: FakeEntry['kind']): AmountSum => {
    const of = booked.filter((e) => e.kind === kind);
    return { count: of.length, total: fromMinor(of.reduce((total, e) => total + abs(e.amount), 0n), places) };
  };
  const hours: HourTotals[] = Array.from({ length: 24 }, (_, i) => {
    const start = from + i * HOUR_MS;
    const inHour = booked.filter((e) => {
      const at = Date.parse(e.createdAt);
      return at >= start && at < start + HOUR_MS;
    });
    const total = (kind: FakeEntry['kind']) =>
      fromMinor(
        inHour.filter((e) => e.kind === kind).reduce((t, e) => t + abs(e.amount), 0n),
        places,
      );
    return { start: stamp(start), topups: total('TopUp'), charges: total('Charge') };
  });

  const waiting_lists: WaitingListLength[] = [];
  for (const e of sources.events) {
    const dates = [...new Set(e.entries.map((w) => w.subevent))];
    for (const subevent of dates) {
      const entries = e.entries.filter((w) => w.subevent === subevent);
      const waiting = entries.filter((w) => w.voucher === null).length;
      if (waiting === 0) continue;
      const date = subevent === null ? undefined : e.subevents.find((s) => s.id === subevent);
      waiting_lists.push({
        event: e.event.slug,
        event_name: localized(e.event.name, sources.locale),
        subevent,
        subevent_name: date ? localized(date.name, sources.locale) : null,
        waiting,
        with_voucher: entries.length - waiting,
      });
    }
  }

  const queued = sources.mails.filter((m) => m.state === 'queued');
  return {
    currency: sources.currency,
    since: sources.since,
    topups: sum('TopUp'),
    charges: sum('Charge'),
    refunds: sum('Refund'),
    hours,
    memberships: sources.memberships
      .filter((m) => m.active > 0)
      .map((m) => ({ membership_type: m.type.id, name: localized(m.type.name, sources.locale), active: m.active })),
    waiting_lists,
    terminals: sources.devices
      .filter((d) => !d.revoked && !d.pairing_pending && d.last_seen !== null)
      .filter((d) => sources.now - Date.parse(d.last_seen as string) <= TERMINAL_WINDOW_MS)
      .sort((a, b) => Date.parse(b.last_seen as string) - Date.parse(a.last_seen as string))
      .map((d) => ({ device: d.device_id, name: d.name, last_seen: d.last_seen as string })),
    outbox: {
      queued: queued.length,
      failed: sources.mails.filter((m) => m.state === 'failed').length,
      sent_since: sources.mails.filter((m) => m.sent_at !== null && Date.parse(m.sent_at) >= from).length,
      oldest_queued: queued.map((m) => m.created_at).sort()[0] ?? null,
    },
    last_backup: sources.lastBackup,
  };
}

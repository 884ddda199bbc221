// Uptime arithmetic, pure: a camera's status holds from the time of one status event to
// the next, and each such interval counts, day by UTC day, as ACTIVE, STALE or other (a
// person's MAINTENANCE or DISABLED: planned, so neither up nor down). The projection folds
// closed intervals from the events' own times, so a rebuild gives the same figures; the
// interval still open is closed at query time by an instant the caller gives.

export interface StatusTime {
  activeMs: number;
  staleMs: number;
  /** MAINTENANCE or DISABLED. */
  otherMs: number;
}

export interface DayStatusTime extends StatusTime {
  /** UTC day, YYYY-MM-DD. */
  day: string;
}

export const NO_TIME: StatusTime = Object.freeze({ activeMs: 0, staleMs: 0, otherMs: 0 });
const DAY_MS = 86_400_000;

const bucketOf = (status: string): keyof StatusTime => (status === 'ACTIVE' ? 'activeMs' : status === 'STALE' ? 'staleMs' : 'otherMs');
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00.000Z`);

/** [fromMs, toMs) in `status`, split at UTC midnights; nothing when the interval is empty. */
export function statusIntervalByDay(status: string, fromMs: number, toMs: number): DayStatusTime[] {
  const days: DayStatusTime[] = [];
  for (let start = fromMs; start < toMs; ) {
    const end = Math.min(toMs, Math.floor(start / DAY_MS) * DAY_MS + DAY_MS);
    days.push({ day: utcDay(start), ...NO_TIME, [bucketOf(status)]: end - start });
    start = end;
  }
  return days;
}

/** Where a device's status stands: what it is, and since when (ms since the epoch). */
export interface OpenStatus {
  status: string;
  sinceMs: number;
}

/**
 * A status event at `atMs`: closes the open interval (a time earlier than its start, from a
 * clock that went back, closes nothing and moves nothing back) and opens the new status.
 */
export function changeStatus(open: OpenStatus | null, status: string, atMs: number): { open: OpenStatus; closed: DayStatusTime[] } {
  if (!open) return { open: { status, sinceMs: atMs }, closed: [] };
  return { open: { status, sinceMs: Math.max(open.sinceMs, atMs) }, closed: statusIntervalByDay(open.status, open.sinceMs, atMs) };
}

export function addTime(a: StatusTime, b: StatusTime): StatusTime {
  return { activeMs: a.activeMs + b.activeMs, staleMs: a.staleMs + b.staleMs, otherMs: a.otherMs + b.otherMs };
}

/** ACTIVE time over ACTIVE plus STALE time; null when the device was neither. */
export function uptimeRatio(time: StatusTime): number | null {
  const observed = time.activeMs + time.staleMs;
  return observed === 0 ? null : time.activeMs / observed;
}

/** The open interval's share of one UTC day, up to `nowMs`. */
export function openTimeOnDay(open: OpenStatus | null, day: string, nowMs: number): StatusTime {
  if (!open) return NO_TIME;
  const from = Math.max(open.sinceMs, dayStart(day));
  const to = Math.min(nowMs, dayStart(day) + DAY_MS);
  return to > from ? { ...NO_TIME, [bucketOf(open.status)]: to - from } : NO_TIME;
}

/** The open interval up to `nowMs`, whole. */
export function openTime(open: OpenStatus | null, nowMs: number): StatusTime {
  if (!open || nowMs <= open.sinceMs) return NO_TIME;
  return { ...NO_TIME, [bucketOf(open.status)]: nowMs - open.sinceMs };
}

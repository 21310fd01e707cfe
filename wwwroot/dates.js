// Days and times as the reader sees them, in the browser's time zone and language: the day separators between
// messages ("Today", "Yesterday", "Monday 24 November") and the time on each message. Pure, so it is unit-tested.

const DAY_MS = 86_400_000;
// Made once: a formatter per call (toLocaleTimeString and friends) costs more than the rest of drawing a message.
const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const FULL = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const DAY = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const DAY_WITH_YEAR = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

function parse(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? null : date;
}

/** The local calendar day of a timestamp, "2025-11-24", or '' when it is not a date. */
export function dayKey(iso) {
    const date = parse(iso);
    if (!date) {
        return '';
    }
    const month = String(date.getMonth() + 1).padStart(2, '0');
    const day = String(date.getDate()).padStart(2, '0');
    return `${date.getFullYear()}-${month}-${day}`;
}

/** Whole local days from `date` to `now` (0 today, 1 yesterday), counted on the calendar, not in 24-hour spans. */
function daysAgo(date, now) {
    const start = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
    return Math.round((start(now) - start(date)) / DAY_MS);
}

/** A day separator's text: "Today", "Yesterday", "Monday 24 November", with the year when it is not this one. */
export function dayLabel(iso, now = new Date()) {
    const date = parse(iso);
    if (!date) {
        return '';
    }
    const ago = daysAgo(date, now);
    if (ago === 0) {
        return 'Today';
    }
    if (ago === 1) {
        return 'Yesterday';
    }
    return (date.getFullYear() === now.getFullYear() ? DAY : DAY_WITH_YEAR).format(date);
}

/** The time on a message, "14:05" (its day is in the separator above it). */
export function formatTime(iso) {
    const date = parse(iso);
    return date ? TIME.format(date) : '';
}

/** The full date and time, for a message's tooltip. */
export function formatFull(iso) {
    const date = parse(iso);
    return date ? FULL.format(date) : '';
}

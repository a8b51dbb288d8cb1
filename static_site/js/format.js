// Words and numbers as the customer reads them: US dollars, long dates, 12-hour times, service
// types and document kinds in plain words. Dates from the API are calendar days ("2026-12-04"):
// they are read and shown in UTC so no time zone moves them by a day.

const LONG_DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });
const DAY_DATE = new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", timeZone: "UTC" });
const DOLLARS = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const NUMBER = new Intl.NumberFormat("en-US");
// A moment (an ISO date-time from the API), in the reader's own time zone: "Dec 3, 2026, 8:45 AM".
const MOMENT = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });

const SERVICE_TYPES = { pump_out: "Pump-out", inspection: "Inspection", repair: "Repair", maintenance: "Maintenance" };
const DOCUMENT_KINDS = {
  inspection_report: "Inspection report",
  receipt: "Receipt",
  warranty: "Warranty",
  estimate: "Estimate",
  photo: "Photo",
};

function day(iso) {
  const date = typeof iso === "string" && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/** "2026-12-04" → "December 4, 2026" (anything else is shown as given). */
export function longDate(iso) {
  const date = day(iso);
  return date ? LONG_DATE.format(date) : String(iso ?? "");
}

/** "2026-12-01" → "Tuesday, December 1". */
export function dayDate(iso) {
  const date = day(iso);
  return date ? DAY_DATE.format(date) : String(iso ?? "");
}

/** "2026-12-03T14:45:00+00:00" → "Dec 3, 2026, 8:45 AM" where the reader is. */
export function momentText(iso) {
  return MOMENT.format(new Date(iso));
}

/** "08:00" → "8:00 AM", "13:30" → "1:30 PM". */
export function clockTime(hhmm) {
  const match = /^(\d{1,2}):(\d{2})/.exec(hhmm ?? "");
  if (!match) return String(hhmm ?? "");
  const hours = Number(match[1]);
  return `${hours % 12 || 12}:${match[2]} ${hours < 12 ? "AM" : "PM"}`;
}

/** 45500 → "$455.00". */
export function money(cents) {
  return DOLLARS.format((Number(cents) || 0) / 100);
}

/** 1000 → "1,000". */
export function number(value) {
  return NUMBER.format(value);
}

/** "pump_out" → "Pump-out"; an unknown type reads as words ("septic_check" → "Septic check"). */
export function serviceType(type) {
  return SERVICE_TYPES[type] ?? words(type);
}

/** "inspection_report" → "Inspection report". */
export function documentKind(kind) {
  return DOCUMENT_KINDS[kind] ?? words(kind);
}

/** "sludge_depth_inches" → "Sludge depth inches". */
export function words(name) {
  const text = String(name ?? "").replace(/[_-]+/g, " ").trim();
  return text ? text[0].toUpperCase() + text.slice(1) : "";
}

/** 1 → "1 visit", 3 → "3 visits". */
export function count(n, one, many) {
  return `${number(n)} ${n === 1 ? one : many}`;
}

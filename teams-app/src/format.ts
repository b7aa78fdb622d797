/** Swedish formatting of dates (one style: 2 dec. 2026), numbers and money. */

const dateFormat = new Intl.DateTimeFormat("sv-SE", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const numberFormat = new Intl.NumberFormat("sv-SE");
const moneyFormat = new Intl.NumberFormat("sv-SE", {
  style: "currency",
  currency: "SEK",
  maximumFractionDigits: 0,
});

/** "1 avtal", "3 öppna brister": a count with the word in its number. */
export function formatCount(value: number, one: string, many: string): string {
  return `${value} ${value === 1 ? one : many}`;
}

export function formatDate(iso: string | undefined): string {
  if (!iso) return "–";
  return dateFormat.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return "–";
  return new Intl.DateTimeFormat("sv-SE", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Stockholm",
  }).format(new Date(iso));
}

export function formatNumber(value: number | undefined): string {
  return value === undefined ? "–" : numberFormat.format(value);
}

export function formatMoney(value: number | undefined): string {
  return value === undefined ? "–" : moneyFormat.format(value);
}

export function daysUntil(iso: string, today: string): number {
  return Math.round(
    (Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
}

/** A mandate period's key (election year to election year, "2022–2026") as Swedes write it: "2023–2026". */
export function mandateLabel(key: string): string {
  const match = /^(\d{4})\s*[–-]\s*(\d{4})$/.exec(key);
  return match ? `${Number(match[1]) + 1}–${match[2]}` : key;
}

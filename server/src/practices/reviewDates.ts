/** Today as YYYY-MM-DD (UTC). */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A date `months` after `date` (YYYY-MM-DD), kept in the month it lands in (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The review-by date an approval gives: the one set, if still ahead, else today plus the review period. */
export function reviewByOnApproval(current: string | undefined, months: number, now = new Date()): string {
  const day = today(now);
  return current && current > day ? current : addMonths(day, months);
}

/** Calendar days in Cambodia's time zone: what "today" and "in the future" mean for records. */
export const TIME_ZONE = 'Asia/Phnom_Penh';

/** Today in Cambodia, as `YYYY-MM-DD`. */
export function todayInCambodia(now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(now);
}

/** The first instant after the day `day` (`YYYY-MM-DD`) in Cambodia: what "as of that day" counts up to. */
export function endOfDayInCambodia(day: string): Date {
	return new Date(`${addDays(day, 1)}T00:00:00+07:00`);
}

/** The day (`YYYY-MM-DD`) `n` days after `day`. */
export function addDays(day: string, n: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
	const out: string[] = [];
	for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
	return out;
}

/** Numbers and dates the way each language writes them, in Cambodia's time zone. */
import { getLocale } from '$lib/paraglide/runtime.js';
import { TIME_ZONE } from '$lib/domain/dates';

/** Khmer readers get Khmer digits and month names; English readers day-month-year. */
function intlLocale(locale = getLocale()): string {
	return locale === 'km' ? 'km-KH-u-nu-khmr' : 'en-GB';
}

export function formatNumber(
	n: number | null | undefined,
	options?: Intl.NumberFormatOptions
): string {
	if (n === null || n === undefined || Number.isNaN(n)) return '–';
	return new Intl.NumberFormat(intlLocale(), options).format(n);
}

export function formatPercent(ratio: number | null | undefined): string {
	return formatNumber(ratio, { style: 'percent', maximumFractionDigits: 0 });
}

/** A calendar day given as `YYYY-MM-DD`. */
export function formatDay(
	day: string | null | undefined,
	style: 'medium' | 'long' = 'medium'
): string {
	if (!day) return '–';
	return new Intl.DateTimeFormat(intlLocale(), { dateStyle: style, timeZone: 'UTC' }).format(
		new Date(`${day}T00:00:00Z`)
	);
}

export function formatDateTime(at: Date | string | number | null | undefined): string {
	if (at === null || at === undefined) return '–';
	return new Intl.DateTimeFormat(intlLocale(), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: TIME_ZONE
	}).format(new Date(at));
}

/** A place's name in the reader's language, falling back to English. */
export function localName(place: { nameEn: string; nameKm?: string | null }): string {
	return getLocale() === 'km' && place.nameKm ? place.nameKm : place.nameEn;
}

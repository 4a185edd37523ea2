/**
 * Numbers and dates the way each language writes them, in Cambodia's time zone: the one place
 * that turns them into text, for the pages, the exports, the PDF and the DOCX.
 *
 * Written out here rather than with `Intl`, because the server and the browser must give the
 * same string: a browser without Khmer locale data would replace the server's
 * "២៣ មិថុនា ២០១៤" by "Jun 23, 2014" once the page's script runs. Times are on the 24-hour
 * clock in both languages, so no Latin "AM"/"PM" slips into Khmer text.
 */
import { getLocale } from '$lib/paraglide/runtime.js';
import { m } from '$lib/paraglide/messages.js';
import { toCambodiaTime } from '$lib/domain/calendar';

export type Locale = 'en' | 'km';

const KHMER_DIGITS = '០១២៣៤៥៦៧៨៩';

const MONTHS: Record<Locale, { short: string[]; long: string[] }> = {
	en: {
		short: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
		long: [
			'January',
			'February',
			'March',
			'April',
			'May',
			'June',
			'July',
			'August',
			'September',
			'October',
			'November',
			'December'
		]
	},
	// Khmer writes the month's full name in both styles.
	km: {
		short: [
			'មករា',
			'កុម្ភៈ',
			'មីនា',
			'មេសា',
			'ឧសភា',
			'មិថុនា',
			'កក្កដា',
			'សីហា',
			'កញ្ញា',
			'តុលា',
			'វិច្ឆិកា',
			'ធ្នូ'
		],
		long: []
	}
};
MONTHS.km.long = MONTHS.km.short;

/** Separators as Cambodia's Khmer texts write them (CLDR `km`): 233.500,5. */
const SEPARATORS: Record<Locale, { group: string; decimal: string }> = {
	en: { group: ',', decimal: '.' },
	km: { group: '.', decimal: ',' }
};

const current = (locale?: Locale): Locale => locale ?? (getLocale() === 'km' ? 'km' : 'en');

/** Digits in the language's script: Khmer readers get Khmer digits. */
export function localDigits(text: string, locale?: Locale): string {
	if (current(locale) !== 'km') return text;
	return text.replace(/[0-9]/g, (d) => KHMER_DIGITS[Number(d)]);
}

export interface NumberOptions {
	locale?: Locale;
	/** At most this many digits after the decimal point (3 unless told), trailing zeros dropped. */
	maximumFractionDigits?: number;
}

export function formatNumber(n: number | null | undefined, options: NumberOptions = {}): string {
	if (n === null || n === undefined || !Number.isFinite(n)) return '–';
	const locale = current(options.locale);
	const { group, decimal } = SEPARATORS[locale];
	const fixed = Math.abs(n).toFixed(options.maximumFractionDigits ?? 3);
	const [whole, fraction = ''] = fixed.split('.');
	const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
	const decimals = fraction.replace(/0+$/, '');
	const negative = n < 0 && /[1-9]/.test(fixed);
	const text = `${negative ? '-' : ''}${grouped}${decimals ? decimal + decimals : ''}`;
	return localDigits(text, locale);
}

export function formatPercent(ratio: number | null | undefined, locale?: Locale): string {
	if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
	return `${formatNumber(ratio * 100, { locale, maximumFractionDigits: 0 })}%`;
}

/** A calendar day given as `YYYY-MM-DD`: "23 Jun 2014" (long: "23 June 2014"), "២៣ មិថុនា ២០១៤". */
export function formatDay(
	day: string | null | undefined,
	style: 'medium' | 'long' = 'medium',
	locale?: Locale
): string {
	const match = day ? /^(\d{4})-(\d{2})-(\d{2})/.exec(day) : null;
	if (!match) return '–';
	const lang = current(locale);
	const month = MONTHS[lang][style === 'long' ? 'long' : 'short'][Number(match[2]) - 1];
	return localDigits(`${Number(match[3])} ${month} ${match[1]}`, lang);
}

/** The time of an instant on a clock in Cambodia, "07:05" (24-hour clock; Khmer digits in Khmer). */
export function formatTime(at: Date | string | number | null | undefined, locale?: Locale): string {
	if (at === null || at === undefined) return '–';
	const date = new Date(at);
	if (Number.isNaN(date.getTime())) return '–';
	return localDigits(toCambodiaTime(date).slice(11, 16), locale);
}

/** An instant on a clock in Cambodia: "23 Jun 2014, 07:05", "២៣ មិថុនា ២០១៤ ម៉ោង ០៧:០៥". */
export function formatDateTime(
	at: Date | string | number | null | undefined,
	locale?: Locale
): string {
	if (at === null || at === undefined) return '–';
	const date = new Date(at);
	if (Number.isNaN(date.getTime())) return '–';
	const lang = current(locale);
	const day = formatDay(toCambodiaTime(date).slice(0, 10), 'medium', lang);
	return m.format_date_time({ day, time: formatTime(date, lang) }, { locale: lang });
}

/**
 * From one day to another, or from a day on when it has no end yet: "24 Nov 2020 – 30 Nov
 * 2020", "from 24 Nov 2020" (never "24 Nov 2020 – –").
 */
export function formatDayRange(
	start: string | null | undefined,
	end: string | null | undefined,
	locale?: Locale
): string {
	const lang = current(locale);
	if (!start && !end) return '–';
	if (!end) return m.format_from_day({ day: formatDay(start, 'medium', lang) }, { locale: lang });
	if (!start) return m.format_until_day({ day: formatDay(end, 'medium', lang) }, { locale: lang });
	if (start === end) return formatDay(start, 'medium', lang);
	return `${formatDay(start, 'medium', lang)} – ${formatDay(end, 'medium', lang)}`;
}

/** A place's name in the reader's language, falling back to English. */
export function localName(
	place: { nameEn: string; nameKm?: string | null },
	locale?: Locale
): string {
	return current(locale) === 'km' && place.nameKm ? place.nameKm : place.nameEn;
}

const collators = new Map<Locale, Intl.Collator>();

/**
 * Places in the order of the names shown, by the language's own collation: a Khmer reader finds
 * ក before ប, not the English alphabet's order under Khmer names.
 */
export function sortByName<T extends { nameEn: string; nameKm?: string | null }>(
	places: readonly T[],
	locale?: Locale
): T[] {
	const lang = current(locale);
	let collator = collators.get(lang);
	if (!collator) collators.set(lang, (collator = new Intl.Collator(lang)));
	const compare = collator.compare;
	return [...places].sort((a, b) => compare(localName(a, lang), localName(b, lang)));
}

/** A place's name with its P-code beside it: "Banteay Meanchey (KH01)". */
export function placeWithCode(
	place: { pcode: string; nameEn: string; nameKm?: string | null } | null | undefined,
	pcode?: string | null,
	locale?: Locale
): string {
	if (place) return `${localName(place, locale)} (${place.pcode})`;
	return pcode ?? '–';
}

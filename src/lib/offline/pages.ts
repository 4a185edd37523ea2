/**
 * Which pages the service worker keeps for offline use: the field forms and the outbox, nothing
 * else (other pages may hold personal data that should not linger on a shared phone).
 */
const OFFLINE_PAGES = [/^\/responses\/\d+\/assessments\/(new|outbox)$/];

export const isOfflinePage = (path: string) => OFFLINE_PAGES.some((re) => re.test(path));

export const OFFLINE_MESSAGE = 'sahakar:keep-pages';

/**
 * What the kept pages fetch once in use, kept with them: the provinces' shapes, which the
 * assessment form asks for when a point is entered (its province check), rather than carrying
 * them in its page. Not personal: the same for everyone who may see a map.
 */
export const OFFLINE_DATA = ['/api/v1/boundaries?level=1'];

/** The pages of a response that field teams need offline. */
export const offlinePathsFor = (responseId: number) => [
	`/responses/${responseId}/assessments/new`,
	`/responses/${responseId}/assessments/outbox`
];

/**
 * Asks the service worker to keep these pages (fetched with the user's session). Resolves to how
 * many it kept, or 0 where there is no service worker.
 */
export async function keepOffline(paths: string[], timeoutMs = 30_000): Promise<number> {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return 0;
	const registration = await Promise.race([
		navigator.serviceWorker.ready,
		new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs))
	]);
	const worker = registration?.active;
	if (!worker) return 0;
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		const timer = setTimeout(() => resolve(0), timeoutMs);
		channel.port1.onmessage = (e) => {
			clearTimeout(timer);
			resolve(Number((e.data as { kept?: number })?.kept ?? 0));
		};
		worker.postMessage({ type: OFFLINE_MESSAGE, paths }, [channel.port2]);
	});
}

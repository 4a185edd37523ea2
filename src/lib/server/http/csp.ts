/**
 * The Content Security Policy is SvelteKit's (`kit.csp` in svelte.config.js, with a nonce for
 * its scripts). It is fixed at build time, so an online map style set at run time
 * (PUBLIC_MAP_STYLE_URL) has its origin added here, to what the map fetches and draws.
 */
import { env } from '$env/dynamic/public';

/** The origin of the online map style, when one is configured. */
export function mapOrigin(): string | null {
	const url = env.PUBLIC_MAP_STYLE_URL;
	if (!url) return null;
	try {
		return new URL(url).origin;
	} catch {
		return null;
	}
}

/** The policy with `origin` allowed for fetching (style, tiles, glyphs) and for images. */
export function withMapOrigin(policy: string, origin: string): string {
	return policy
		.split(';')
		.map((d) => {
			const directive = d.trim();
			const name = directive.split(/\s+/)[0];
			return name === 'connect-src' || name === 'img-src' ? `${directive} ${origin}` : directive;
		})
		.join('; ');
}

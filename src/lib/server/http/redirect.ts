/**
 * Where to send someone after signing in or switching language: only a path on this site.
 * The target is resolved the way a browser would resolve it (backslashes, tabs and newlines
 * included: `/\evil.example` and `/%09/evil.example` both mean another host to a browser), and
 * kept only when it lands on the app's own origin.
 */
export function sameOriginPath(target: unknown, origin: URL | string, fallback = '/'): string {
	if (typeof target !== 'string' || !target.startsWith('/')) return fallback;
	const base = new URL(origin);
	let resolved: URL;
	try {
		resolved = new URL(target, base.origin);
	} catch {
		return fallback;
	}
	if (resolved.origin !== base.origin) return fallback;
	// The normalised form, so what the browser gets is exactly what was checked.
	return resolved.pathname + resolved.search + resolved.hash;
}

/**
 * The pictures pages link to (`$lib/server/drawn`), drawn again from their address for the HTML
 * hook (`withDrawings`) when the server no longer holds them: a map's preview or a dashboard's
 * chart.
 */
import { can } from '$lib/domain/policy';
import type { SessionUser } from '$lib/server/auth/sessions';
import type { Db } from '$lib/server/db';
import { PREVIEW_PATH, previewAt } from '$lib/server/maps/preview';
import { chartAt, chartResponseId } from '$lib/server/returns/charts';

/**
 * The SVG at `src`, or null. A preview's figures are in its address; a chart is read from the
 * response's figures, so only for a reader its route would answer: the address comes from the
 * page's HTML, which may hold text someone typed.
 */
export async function redraw(
	db: Db,
	user: SessionUser | null,
	src: string
): Promise<string | null> {
	const url = new URL(src, 'http://localhost');
	const responseId = chartResponseId(url);
	const drawing =
		url.pathname === PREVIEW_PATH
			? await previewAt(db, url)
			: responseId !== null && user && can(user, 'return.read')
				? await chartAt(db, responseId, url)
				: null;
	return (await drawing?.svg()) ?? null;
}

/**
 * After a form that changes the language (signing in, setting a password, the account's
 * language), load the next page in full: the whole document, `<html lang>` included, is then
 * rendered in the new language.
 */
export const fullPageRedirect = {
	onResult({
		result,
		cancel
	}: {
		result: { type: string; location?: string };
		cancel: () => void;
	}) {
		if (result.type === 'redirect' && result.location) {
			cancel();
			window.location.assign(result.location);
		}
	}
};

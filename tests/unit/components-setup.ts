// The page's bootstrap script gives `$env/dynamic/public` its values in a browser; here no public
// variable is set, as on a deployment that keeps the default map style.
(globalThis as unknown as { __sveltekit_dev: { env: Record<string, string> } }).__sveltekit_dev = {
	env: {}
};

/**
 * Long work in slices: `await slice()` between steps gives the event loop back once the
 * current slice has run `budgetMs`, so requests are served in between (each waits at most
 * about one slice). A worker thread would need its own bundle entry, which SvelteKit's build
 * does not make; slices need nothing and the benchmark measures what they cost.
 */
export function slices(budgetMs = 12) {
	let start = performance.now();
	return async () => {
		if (performance.now() - start < budgetMs) return;
		await new Promise((resolve) => setImmediate(resolve));
		start = performance.now();
	};
}

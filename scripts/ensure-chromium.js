// Installs Debian's Chromium for the end-to-end tests when it is missing: Playwright cannot
// download its own browser here, so the tests drive /usr/bin/chromium.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
	if (process.getuid?.() !== 0) {
		console.error(
			`${CHROMIUM} is missing. Install it (as root: apt-get install -y chromium) and rerun.`
		);
		process.exit(1);
	}
	console.info('Installing Chromium from Debian (apt-get install chromium)…');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execSync('apt-get update -q', { stdio: 'inherit', env });
	execSync('apt-get install -y -q --no-install-recommends chromium', {
		stdio: 'inherit',
		env
	});
}

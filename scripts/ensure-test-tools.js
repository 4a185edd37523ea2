// Installs what the tests drive from Debian when it is missing: Chromium (Playwright cannot
// download its own browser here, so the tests drive /usr/bin/chromium) and poppler-utils
// (`pdftoppm`, `pdffonts`, `pdftotext`: the sitrep PDF tests render and read the PDF with them).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The Debian packages to install: those whose program is missing. */
const missing = [
	existsSync(CHROMIUM) ? null : 'chromium',
	existsSync('/usr/bin/pdftoppm') ? null : 'poppler-utils'
].filter(Boolean);

if (missing.length) {
	if (process.getuid?.() !== 0) {
		console.error(
			`Missing: ${missing.join(', ')}. Install (as root: apt-get install -y ${missing.join(' ')}) and rerun.`
		);
		process.exit(1);
	}
	console.info(`Installing ${missing.join(', ')} from Debian…`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execSync('apt-get update -q', { stdio: 'inherit', env });
	execSync(`apt-get install -y -q --no-install-recommends ${missing.join(' ')}`, {
		stdio: 'inherit',
		env
	});
}

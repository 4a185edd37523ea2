import { execFileSync } from 'node:child_process';

/** Vitest's global setup: the messages, compiled in a process of their own. */
export default function setup(): void {
	execFileSync('npx', ['tsx', 'scripts/compile-messages.ts'], { stdio: 'inherit' });
}

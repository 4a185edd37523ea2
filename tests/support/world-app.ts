/**
 * The set-up the authorization matrix and the fuzzing share: the built app on a database of its
 * own holding the test world (make-world.ts), started before the file's tests and removed after.
 */
import { test } from '@playwright/test';
import Database from 'better-sqlite3';
import { createApp, makeWorld, type App } from './app';
import type { World } from './world';

export interface WorldApp {
	app: App;
	world: World;
	/** Changes whenever another connection (the app) commits anything. */
	dataVersion: () => number;
}

/** Call at the top of a test file; the fields are there once its `beforeAll` has run. */
export function useWorldApp(): WorldApp {
	let db: Database.Database | undefined;
	const shared = {
		dataVersion: () => db!.pragma('data_version', { simple: true }) as number
	} as WorldApp;
	test.beforeAll(async () => {
		shared.app = createApp();
		shared.world = makeWorld(shared.app.dbPath);
		await shared.app.start();
		db = new Database(shared.app.dbPath, { readonly: true });
	});
	test.afterAll(async () => {
		db?.close();
		await shared.app?.dispose();
	});
	return shared;
}

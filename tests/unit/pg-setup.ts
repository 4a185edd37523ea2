/**
 * The PostgreSQL test project's set-up in each test file: every test's databases are dropped
 * when it ends (those made before the tests, by `beforeAll`, when the file ends).
 */
import { afterAll, afterEach, beforeEach } from 'vitest';
import { dropPgTestDatabases, testStarted } from '$lib/server/db/pg-testing';

beforeEach(() => testStarted());
afterEach(() => dropPgTestDatabases());
afterAll(() => dropPgTestDatabases(true));

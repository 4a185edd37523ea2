import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { collectSettingsPayload } from './settings';

describe('the ODK Collect settings code', () => {
	it('is the settings JSON, zlib-deflated and base64-encoded, as Collect reads it', () => {
		const payload = collectSettingsPayload({
			serverUrl: 'https://sahakar.example.org',
			username: 'field@demo.sahakar.org',
			password: 'sk_secret'
		});
		const settings = JSON.parse(inflateSync(Buffer.from(payload, 'base64')).toString('utf8'));
		expect(settings.general).toMatchObject({
			server_url: 'https://sahakar.example.org',
			username: 'field@demo.sahakar.org',
			password: 'sk_secret'
		});
		expect(settings.admin).toEqual({});
		expect(settings.project.name).toBe('Sahakar');
	});
});

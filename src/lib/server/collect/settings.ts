/**
 * The QR code ODK Collect and KoBo Collect scan to set up a project: their settings as JSON,
 * zlib-deflated and base64-encoded (https://docs.getodk.org/collect-import-export/).
 */
import { deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

export interface CollectSettings {
	serverUrl: string;
	username: string;
	password: string;
}

/** What the code carries: the server and account, forms kept in step with the server. */
export function collectSettingsPayload(s: CollectSettings): string {
	const settings = {
		general: {
			server_url: s.serverUrl,
			username: s.username,
			password: s.password,
			// The phone's forms follow the server's list: new responses appear, closed ones go.
			form_update_mode: 'match_exactly',
			autosend: 'wifi_and_cellular'
		},
		admin: {},
		project: { name: 'Sahakar', icon: 'S', color: '#1d6fa5' }
	};
	return deflateSync(Buffer.from(JSON.stringify(settings))).toString('base64');
}

export async function collectSettingsQr(s: CollectSettings): Promise<string> {
	return QRCode.toDataURL(collectSettingsPayload(s), {
		errorCorrectionLevel: 'L',
		margin: 2,
		width: 280
	});
}

/**
 * A stand-in for ODK Collect in the end-to-end test: ODK's own web form renders the XForm Sahakar
 * serves, and a finished form is posted to /submission as Collect posts it (multipart with
 * xml_submission_file, HTTP Basic with an API token). What Sahakar answered is shown in #sent.
 */
import { createApp, h } from 'vue';

const config = await (await fetch('/__odk/config.json')).json();
const formXml = await (
	await fetch(config.formUrl, { headers: { authorization: config.auth } })
).text();
const sent = /** @type {HTMLElement} */ (document.getElementById('sent'));
// Served by the test from node_modules; the URL is the page's, not a package name.
const webFormsUrl = '/__odk/web-forms.js';
const { OdkWebForm, webFormsPlugin } = await import(/* @vite-ignore */ webFormsUrl);

/**
 * @param {{ data: FormData[] }} payload
 * @param {(result: { status: string }) => void} [callback]
 */
async function submit(payload, callback) {
	const res = await fetch('/submission', {
		method: 'POST',
		headers: { authorization: config.auth, 'X-OpenRosa-Version': '1.0' },
		body: payload.data[0]
	});
	const text = await res.text();
	const file = /** @type {Blob} */ (payload.data[0].get('xml_submission_file'));
	Object.assign(window, { lastSubmission: await file.text() });
	sent.textContent = `${res.status} ${new DOMParser().parseFromString(text, 'text/xml').querySelector('message')?.textContent}`;
	callback?.({ status: res.ok ? 'success' : 'failure' });
}

const app = createApp({
	render: () =>
		h(OdkWebForm, {
			formXml,
			fetchFormAttachment: () => Promise.resolve(new Response('', { status: 404 })),
			onSubmit: submit
		})
});
app.use(webFormsPlugin);
app.mount('#app');

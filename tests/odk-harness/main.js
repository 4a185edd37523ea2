/**
 * A stand-in for ODK Collect in the end-to-end test: ODK's own web form renders the XForm Sahakar
 * serves, and a finished form is posted to /submission as Collect posts it (multipart with
 * xml_submission_file, HTTP Basic with an API token). What Sahakar answered is shown in #sent.
 */
import { createApp, h } from 'vue';
import { OdkWebForm, webFormsPlugin } from '/__odk/web-forms.js';

const config = await (await fetch('/__odk/config.json')).json();
const formXml = await (
	await fetch(config.formUrl, { headers: { authorization: config.auth } })
).text();
const sent = document.getElementById('sent');

async function submit(payload, callback) {
	const res = await fetch('/submission', {
		method: 'POST',
		headers: { authorization: config.auth, 'X-OpenRosa-Version': '1.0' },
		body: payload.data[0]
	});
	const text = await res.text();
	window.lastSubmission = await payload.data[0].get('xml_submission_file').text();
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

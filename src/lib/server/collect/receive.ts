/**
 * A submission from ODK Collect, KoBo Collect or a KoBo REST service becomes an assessment the
 * way the outbox's do: the same schema, the same service, the device's `uuid:` id as the
 * client id (so a resubmission is taken once), the channel in the audit log.
 */
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { assessmentSchema } from '$lib/domain/assessments';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import { submitAssessment, type Arrival, type SubmitResult } from '$lib/server/assessments';
import { UserError } from '$lib/server/errors';
import { toAssessmentInput, type Collected } from './answers';
import { fieldLabel, responseOfFormId } from './form';

/** Field messages as one sentence a phone can show: "Deaths: Enter a number. …". */
function refusal(fields: Record<string, string>, code: UserError['code'] = 'invalid'): UserError {
	const locale = getLocale();
	const parts = Object.entries(fields).map(([k, msg]) => `${fieldLabel(k, locale)}: ${msg}`);
	return new UserError(`${m.collect_error_refused()} ${parts.join(' ')}`, code, fields);
}

export async function receiveSubmission(
	db: Db,
	actor: Actor,
	collected: Collected,
	arrival: Arrival
): Promise<SubmitResult> {
	if (collected.deprecatedId) throw new UserError(m.collect_error_edit());
	if (!collected.instanceId) throw new UserError(m.collect_error_no_instance());
	const input = toAssessmentInput(collected);
	// ODK names its form; the answer's own response id must agree with it.
	if (arrival.source === 'odk') {
		const formResponse = collected.formId ? responseOfFormId(collected.formId) : null;
		if (formResponse === null || String(formResponse) !== String(input.responseId ?? '')) {
			throw new UserError(m.collect_error_unknown_form(), 'not_found');
		}
	}
	const parsed = assessmentSchema.safeParse(input);
	if (!parsed.success) {
		const fields: Record<string, string> = {};
		for (const issue of parsed.error.issues)
			fields[String(issue.path[0] ?? 'id')] ??= issue.message;
		throw refusal(fields);
	}
	try {
		return await submitAssessment(db, actor, parsed.data, {
			source: arrival.source,
			detail: { formVersion: collected.version, ...arrival.detail }
		});
	} catch (e) {
		if (e instanceof UserError && e.fields && e.code !== 'conflict')
			throw refusal(e.fields, e.code);
		throw e;
	}
}

/** Words for the 4W activities' codes and their review, in the reader's language. */
import { m } from '$lib/paraglide/messages.js';
import { codeOptions, type Labels } from '$lib/code-labels';
import { REVIEW_FILTERS } from '$lib/domain/plain/shelter';
import type {
	ActivityStatus,
	ActivityType,
	Modality,
	ReviewFilter,
	ReviewState
} from '$lib/domain/plain/shelter';

export const activityTypeLabel: Labels<ActivityType> = {
	emergency_shelter_kit: m.shel_type_emergency_shelter_kit,
	nfi_distribution: m.shel_type_nfi_distribution,
	shelter_repair: m.shel_type_shelter_repair,
	cash_for_shelter: m.shel_type_cash_for_shelter,
	site_management: m.shel_type_site_management,
	shelter_assessment: m.shel_type_shelter_assessment,
	training: m.shel_type_training
};

export const modalityLabel: Labels<Modality> = {
	in_kind: m.shel_modality_in_kind,
	cash: m.shel_modality_cash,
	voucher: m.shel_modality_voucher,
	service: m.shel_modality_service
};

export const activityStatusLabel: Labels<ActivityStatus> = {
	planned: m.shel_status_planned,
	ongoing: m.shel_status_ongoing,
	completed: m.shel_status_completed
};

export const reviewStateLabel: Labels<ReviewState> = {
	draft: m.shel_review_draft,
	submitted: m.shel_review_submitted,
	validated: m.shel_review_validated,
	returned: m.shel_review_returned
};

export const reviewFilterLabel: Labels<ReviewFilter> = {
	...reviewStateLabel,
	all: m.shel_review_all
};

/** The review filter's choices, validated first (the default). */
export const reviewFilterOptions = () => codeOptions(REVIEW_FILTERS, reviewFilterLabel);

/** The levels the gaps and the 4W matrix group by, as their filter's choices. */
export const levelOptions = () =>
	codeOptions(['province', 'district'], {
		province: m.assess_field_province,
		district: m.assess_field_district
	});

/** CSS class of the review state's badge. */
export const reviewBadge: Record<ReviewState, string> = {
	draft: 'closed',
	submitted: 'warning',
	validated: 'ok',
	returned: 'danger'
};

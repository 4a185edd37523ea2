/**
 * The outbox status's words for a device that holds items (or must sign in again): fetched when
 * there are some, not with every form page, whose outbox is most often empty.
 */
export {
	assess_outbox_open,
	assess_outbox_others,
	assess_outbox_refused_count,
	assess_outbox_sent_count,
	assess_outbox_sign_in,
	assess_outbox_sign_in_link,
	assess_outbox_waiting
} from '$lib/paraglide/messages.js';

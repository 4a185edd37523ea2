/**
 * The assessment form's words that only follow something the person does (a save, asking for the
 * phone's location, a point in another province than the commune's) or a rare state (an edited
 * item gone from the device, a browser that cannot keep the form offline): fetched at the first
 * touch or when that state comes, not with the page. The service worker keeps this with the build.
 */
export {
	assess_edit_missing,
	assess_field_accuracy,
	assess_gps_failed,
	assess_gps_unavailable,
	assess_gps_waiting,
	assess_offline_not_ready,
	assess_saved,
	assess_warning_area_point_form
} from '$lib/paraglide/messages.js';

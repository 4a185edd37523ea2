/**
 * The assessment form's words that only follow something the person does (a save, asking for the
 * phone's location, a point in another province than the commune's): fetched at the first touch
 * (or when an item is edited), not with the page. The service worker keeps this with the build.
 */
export {
	assess_field_accuracy,
	assess_gps_failed,
	assess_gps_unavailable,
	assess_gps_waiting,
	assess_saved,
	assess_warning_area_point_form
} from '$lib/paraglide/messages.js';

/** Words for organisation types, in the reader's language. */
import { m } from '$lib/paraglide/messages.js';
import type { Labels } from '$lib/code-labels';
import type { OrganisationType } from '$lib/domain/plain/accounts';

export const organisationTypeLabel: Labels<OrganisationType> = {
	un_agency: m.org_type_un_agency,
	international_ngo: m.org_type_international_ngo,
	ngo: m.org_type_ngo,
	government: m.org_type_government,
	red_cross: m.org_type_red_cross,
	other: m.org_type_other
};

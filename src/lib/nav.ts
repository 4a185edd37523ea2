/** The app's navigation: areas everyone sees, areas within a response, and administration. */
import { m } from '$lib/paraglide/messages.js';
import { can, type Action, type Actor } from '$lib/domain/policy';
import type { ResponseArea } from '$lib/domain/plain/responses';

export interface NavItem {
	href: string;
	label: string;
}

interface NavEntry {
	path: string;
	label: () => string;
	action: Action;
	/** The response area the page belongs to; hidden when the response does not use it. */
	area?: ResponseArea;
}

const GLOBAL: NavEntry[] = [
	{ path: '/', label: () => m.nav_home(), action: 'response.read' },
	{ path: '/responses', label: () => m.nav_responses(), action: 'response.read' },
	{ path: '/map', label: () => m.nav_map(), action: 'map.read' },
	{ path: '/shelter/catalogue', label: () => m.shel_catalogue_title(), action: 'shelter.read' }
];

/** Pages inside a response; paths are relative to `/responses/{id}`. */
const RESPONSE: NavEntry[] = [
	{ path: '', label: () => m.nav_overview(), action: 'response.read' },
	{
		path: '/assessments',
		label: () => m.assess_nav(),
		action: 'assessment.summary',
		area: 'assessments'
	},
	{
		path: '/assessments/map',
		label: () => m.assess_nav_map(),
		action: 'assessment.summary',
		area: 'assessments'
	},
	{
		path: '/assessments/new',
		label: () => m.assess_nav_new(),
		action: 'assessment.submit',
		area: 'assessments'
	},
	{
		path: '/assessments/outbox',
		label: () => m.assess_nav_outbox(),
		action: 'assessment.submit',
		area: 'assessments'
	},
	{ path: '/sitreps', label: () => m.sitrep_nav(), action: 'sitrep.read' },
	{ path: '/returns', label: () => m.ret_nav_dashboard(), action: 'return.read', area: 'returns' },
	{
		path: '/returns/tallies/new',
		label: () => m.ret_nav_tally_new(),
		action: 'return.tally.record',
		area: 'returns'
	},
	{
		path: '/returns/tallies',
		label: () => m.ret_nav_tallies(),
		action: 'return.read',
		area: 'returns'
	},
	{
		path: '/returns/manifests',
		label: () => m.ret_nav_manifests(),
		action: 'return.read',
		area: 'returns'
	},
	{
		path: '/returns/reconciliation',
		label: () => m.ret_nav_reconciliation(),
		action: 'return.read',
		area: 'returns'
	},
	{
		path: '/returns/locations',
		label: () => m.ret_nav_locations(),
		action: 'location.manage',
		area: 'returns'
	},
	{ path: '/shelter', label: () => m.shel_sites_title(), action: 'shelter.read', area: 'shelter' },
	{
		path: '/shelter/activities',
		label: () => m.shel_matrix_title(),
		action: 'shelter.read',
		area: 'shelter'
	},
	{
		path: '/shelter/gaps',
		label: () => m.shel_gaps_title(),
		action: 'shelter.read',
		area: 'shelter'
	},
	{
		path: '/shelter/import',
		label: () => m.shel_import_title(),
		action: 'shelter.activity.import',
		area: 'shelter'
	}
];

const ADMIN: NavEntry[] = [
	{
		path: '/admin/organisations',
		label: () => m.nav_organisations(),
		action: 'organisation.manage'
	},
	{ path: '/admin/users', label: () => m.nav_users(), action: 'user.manage' },
	{ path: '/admin/sign-in-locks', label: () => m.sec_locks_title(), action: 'user.manage' },
	{ path: '/admin/boundaries', label: () => m.nav_boundaries(), action: 'boundary.import' },
	{ path: '/admin/audit', label: () => m.nav_audit(), action: 'audit.read' }
];

const allowed = (
	actor: Actor,
	entries: NavEntry[],
	prefix = '',
	areas: readonly ResponseArea[] = []
): NavItem[] =>
	entries
		.filter((e) => can(actor, e.action) && (!e.area || areas.includes(e.area)))
		.map((e) => ({ href: prefix + e.path || '/', label: e.label() }));

/** The menu for a person, and for the response they are in with the areas it uses. */
export function navigation(
	actor: Actor,
	response: { id: number; areas: readonly ResponseArea[] } | undefined
) {
	return {
		global: allowed(actor, GLOBAL),
		response: response ? allowed(actor, RESPONSE, `/responses/${response.id}`, response.areas) : [],
		admin: allowed(actor, ADMIN)
	};
}

/** The app's navigation: areas everyone sees, areas within a response, and administration. */
import { m } from '$lib/paraglide/messages.js';
import { can, type Action, type Actor } from '$lib/domain/policy';

export interface NavItem {
	href: string;
	label: string;
}

interface NavEntry {
	path: string;
	label: () => string;
	action: Action;
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
	{ path: '/assessments', label: () => m.assess_nav(), action: 'assessment.summary' },
	{ path: '/assessments/map', label: () => m.assess_nav_map(), action: 'assessment.summary' },
	{ path: '/assessments/new', label: () => m.assess_nav_new(), action: 'assessment.submit' },
	{ path: '/assessments/outbox', label: () => m.assess_nav_outbox(), action: 'assessment.submit' },
	{ path: '/sitreps', label: () => m.sitrep_nav(), action: 'sitrep.read' },
	{ path: '/returns', label: () => m.ret_nav_dashboard(), action: 'return.read' },
	{
		path: '/returns/tallies/new',
		label: () => m.ret_nav_tally_new(),
		action: 'return.tally.record'
	},
	{ path: '/returns/tallies', label: () => m.ret_nav_tallies(), action: 'return.read' },
	{ path: '/returns/manifests', label: () => m.ret_nav_manifests(), action: 'return.read' },
	{
		path: '/returns/reconciliation',
		label: () => m.ret_nav_reconciliation(),
		action: 'return.read'
	},
	{ path: '/returns/locations', label: () => m.ret_nav_locations(), action: 'location.manage' },
	{ path: '/shelter', label: () => m.shel_sites_title(), action: 'shelter.read' },
	{ path: '/shelter/activities', label: () => m.shel_matrix_title(), action: 'shelter.read' },
	{ path: '/shelter/gaps', label: () => m.shel_gaps_title(), action: 'shelter.read' },
	{
		path: '/shelter/import',
		label: () => m.shel_import_title(),
		action: 'shelter.activity.import'
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

const allowed = (actor: Actor, entries: NavEntry[], prefix = ''): NavItem[] =>
	entries
		.filter((e) => can(actor, e.action))
		.map((e) => ({ href: prefix + e.path || '/', label: e.label() }));

export function navigation(actor: Actor, responseId: number | null) {
	return {
		global: allowed(actor, GLOBAL),
		response: responseId ? allowed(actor, RESPONSE, `/responses/${responseId}`) : [],
		admin: allowed(actor, ADMIN)
	};
}

/**
 * Who may do what: the one place authorization is decided. Loads, actions and endpoints ask
 * `can(actor, action, resource)`; nothing else compares roles.
 */
import type { Role } from './accounts';

export interface Actor {
	id: number;
	role: Role;
	organisationId: number;
}

/** What the rule needs to know about the thing acted on. */
export interface Resource {
	/** The organisation that owns the record. */
	organisationId?: number | null;
	/** The record's workflow state, where it has one. */
	status?: string | null;
}

type Rule = (actor: Actor, resource: Resource) => boolean;

const roles =
	(...allowed: Role[]): Rule =>
	(actor) =>
		allowed.includes(actor.role);

const everyone = roles('admin', 'coordinator', 'partner', 'field', 'viewer');

/** `anyRoles` act on every organisation's records, `ownRoles` only on their own organisation's. */
const owned =
	(anyRoles: Role[], ownRoles: Role[]): Rule =>
	(actor, resource) =>
		anyRoles.includes(actor.role) ||
		(ownRoles.includes(actor.role) && resource.organisationId === actor.organisationId);

const RULES = {
	// Accounts and administration
	'account.manage': everyone,
	'organisation.read': everyone,
	'organisation.manage': roles('admin'),
	'user.manage': roles('admin'),
	'audit.read': roles('admin'),
	'boundary.import': roles('admin'),

	// Responses
	'response.read': everyone,
	'response.create': roles('admin', 'coordinator'),
	'response.update': roles('admin', 'coordinator'),

	// Places
	'map.read': everyone,
	'location.manage': roles('admin', 'coordinator'),

	// Rapid assessments: field records, submitted for the submitter's own organisation
	'assessment.submit': roles('admin', 'coordinator', 'partner', 'field'),
	'assessment.read': owned(['admin', 'coordinator'], ['partner', 'field']),
	/** Totals, the needs ranking and the map's points: aggregates with nothing personal. */
	'assessment.summary': everyone,
	'assessment.review': roles('admin', 'coordinator'),

	// Situation reports: coordinators write and publish; everyone reads what is published
	'sitrep.read': everyone,
	'sitrep.read_draft': roles('admin', 'coordinator'),
	'sitrep.write': roles('admin', 'coordinator'),
	'sitrep.publish': roles('admin', 'coordinator'),
	'sitrep.share': roles('admin', 'coordinator'),
	// Mass return: tallies and manifests belong to the recording organisation
	/** Dashboards, reconciliation, manifest counts: aggregates with nothing personal. */
	'return.read': everyone,
	'return.tally.record': roles('admin', 'coordinator', 'partner', 'field'),
	'return.tally.edit': owned(['admin', 'coordinator'], ['partner', 'field']),
	'manifest.create': roles('admin', 'coordinator', 'partner', 'field'),
	'manifest.update': owned(['admin', 'coordinator'], ['partner', 'field']),
	/** The receiving team at the destination confirms arrival, whoever made the manifest. */
	'manifest.receive': roles('admin', 'coordinator', 'partner', 'field'),
	/** Passenger names and phones: personal data. */
	'manifest.names': owned(['admin', 'coordinator'], ['partner', 'field']),
	// Shelter Sector: sites and their population, the NFI catalogue, partners' 4W reports
	'shelter.read': everyone,
	/** Sites belong to their managing organisation. */
	'shelter.site.manage': owned(['admin', 'coordinator'], ['partner']),
	'shelter.population.submit': owned(['admin', 'coordinator'], ['partner', 'field']),
	'shelter.catalogue.manage': roles('admin', 'coordinator'),
	/** Report a new 4W row: partners for their own organisation. */
	'shelter.activity.create': owned(['admin', 'coordinator'], ['partner']),
	/** Validated rows, and one's own organisation's in any state; coordinators see all. */
	'shelter.activity.read': (actor, r) =>
		['admin', 'coordinator'].includes(actor.role) ||
		r.status === 'validated' ||
		(['partner', 'field'].includes(actor.role) && r.organisationId === actor.organisationId),
	/** Change a row, or send it for review: the owner while draft or returned; a validated row is locked. */
	'shelter.activity.edit': (actor, r) =>
		(r.status === 'draft' || r.status === 'returned') &&
		owned(['admin', 'coordinator'], ['partner'])(actor, r),
	'shelter.activity.delete': (actor, r) =>
		r.status === 'draft' && owned(['admin', 'coordinator'], ['partner'])(actor, r),
	/** Validate or return a submitted row. */
	'shelter.activity.review': (actor, r) =>
		r.status === 'submitted' && roles('admin', 'coordinator')(actor, r),
	'shelter.activity.reopen': (actor, r) =>
		r.status === 'validated' && roles('admin', 'coordinator')(actor, r),
	'shelter.activity.import': roles('admin', 'coordinator', 'partner')
} satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;
export const ACTIONS = Object.keys(RULES) as Action[];

export function can(
	actor: Actor | null | undefined,
	action: Action,
	resource: Resource = {}
): boolean {
	if (!actor) return false;
	return RULES[action](actor, resource);
}

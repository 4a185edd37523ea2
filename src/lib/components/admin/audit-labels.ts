/** Words for the audit log's actions and record types, in the reader's language. */
import { m } from '$lib/paraglide/messages.js';
import type { Labels } from '$lib/code-labels';
import type { AuditAction } from '$lib/domain/audit';

export const auditActionLabel: Labels<AuditAction> = {
	create: m.audit_action_create,
	update: m.audit_action_update,
	delete: m.audit_action_delete,
	sign_in: m.audit_action_sign_in,
	sign_in_failed: m.audit_action_sign_in_failed,
	sign_out: m.audit_action_sign_out,
	export: m.audit_action_export,
	view_personal: m.audit_action_view_personal,
	view_names: m.audit_action_view_names
};

/** Record types in the audit log (tables, and the datasets of exports), in words. */
const auditEntityLabel: Record<string, () => string> = {
	activities: m.audit_entity_activities,
	admin_areas: m.audit_entity_admin_areas,
	api_tokens: m.audit_entity_api_tokens,
	arrival_tallies: m.audit_entity_arrival_tallies,
	arrivals: m.audit_entity_arrivals,
	assessments: m.audit_entity_assessments,
	audit: m.audit_entity_audit,
	gaps: m.audit_entity_gaps,
	'gaps-nfi': m.audit_entity_gaps_nfi,
	locations: m.audit_entity_locations,
	manifest: m.audit_entity_manifest,
	manifests: m.audit_entity_manifests,
	nfi_catalogue: m.audit_entity_nfi_catalogue,
	organisations: m.audit_entity_organisations,
	passengers: m.audit_entity_passengers,
	password_tokens: m.audit_entity_password_tokens,
	responses: m.audit_entity_responses,
	shelter_activities: m.audit_entity_shelter_activities,
	shelter_population: m.audit_entity_shelter_population,
	shelter_sites: m.audit_entity_shelter_sites,
	sign_in_throttle: m.audit_entity_sign_in_throttle,
	'site-population': m.audit_entity_site_population,
	sitrep_shares: m.audit_entity_sitrep_shares,
	sites: m.audit_entity_sites,
	sitreps: m.audit_entity_sitreps,
	users: m.audit_entity_users
};

/** A record type in words; one this list does not know yet keeps its stored name. */
export const auditEntityName = (entity: string) => auditEntityLabel[entity]?.() ?? entity;

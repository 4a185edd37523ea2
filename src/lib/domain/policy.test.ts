import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from './accounts';
import { ACTIONS, can, type Action } from './policy';

const OWN_ORG = 1;
const OTHER_ORG = 2;
const actor = (role: Role) => ({ id: 10, role, organisationId: OWN_ORG });

/**
 * The whole matrix, written out: role × action → allowed on the actor's own organisation's
 * records, and on another organisation's. A new action must be added here to pass.
 */
const MATRIX: Record<Action, Record<Role, [own: boolean, other: boolean]>> = {
	'account.manage': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, true],
		field: [true, true],
		viewer: [true, true]
	},
	'organisation.read': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, true],
		field: [true, true],
		viewer: [true, true]
	},
	'organisation.manage': {
		admin: [true, true],
		coordinator: [false, false],
		partner: [false, false],
		field: [false, false],
		viewer: [false, false]
	},
	'user.manage': {
		admin: [true, true],
		coordinator: [false, false],
		partner: [false, false],
		field: [false, false],
		viewer: [false, false]
	},
	'audit.read': {
		admin: [true, true],
		coordinator: [false, false],
		partner: [false, false],
		field: [false, false],
		viewer: [false, false]
	},
	'boundary.import': {
		admin: [true, true],
		coordinator: [false, false],
		partner: [false, false],
		field: [false, false],
		viewer: [false, false]
	},
	'response.read': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, true],
		field: [true, true],
		viewer: [true, true]
	},
	'response.create': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [false, false],
		field: [false, false],
		viewer: [false, false]
	},
	'response.update': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [false, false],
		field: [false, false],
		viewer: [false, false]
	},
	'map.read': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, true],
		field: [true, true],
		viewer: [true, true]
	},
	'location.manage': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [false, false],
		field: [false, false],
		viewer: [false, false]
	},
	'assessment.submit': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, true],
		field: [true, true],
		viewer: [false, false]
	},
	'assessment.read': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, false],
		field: [true, false],
		viewer: [false, false]
	},
	'assessment.summary': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, true],
		field: [true, true],
		viewer: [true, true]
	},
	'assessment.review': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [false, false],
		field: [false, false],
		viewer: [false, false]
	},
	'sitrep.read': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, true],
		field: [true, true],
		viewer: [true, true]
	},
	'sitrep.read_draft': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [false, false],
		field: [false, false],
		viewer: [false, false]
	},
	'sitrep.write': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [false, false],
		field: [false, false],
		viewer: [false, false]
	},
	'sitrep.publish': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [false, false],
		field: [false, false],
		viewer: [false, false]
	},
	'sitrep.share': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [false, false],
		field: [false, false],
		viewer: [false, false]
	},
	'return.read': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, true],
		field: [true, true],
		viewer: [true, true]
	},
	'return.tally.record': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, true],
		field: [true, true],
		viewer: [false, false]
	},
	'return.tally.edit': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, false],
		field: [true, false],
		viewer: [false, false]
	},
	'manifest.create': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, true],
		field: [true, true],
		viewer: [false, false]
	},
	'manifest.update': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, false],
		field: [true, false],
		viewer: [false, false]
	},
	'manifest.receive': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, true],
		field: [true, true],
		viewer: [false, false]
	},
	'manifest.names': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, false],
		field: [true, false],
		viewer: [false, false]
	},
	'shelter.read': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, true],
		field: [true, true],
		viewer: [true, true]
	},
	'shelter.site.manage': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, false],
		field: [false, false],
		viewer: [false, false]
	},
	'shelter.population.submit': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, false],
		field: [true, false],
		viewer: [false, false]
	},
	'shelter.catalogue.manage': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [false, false],
		field: [false, false],
		viewer: [false, false]
	},
	'shelter.activity.create': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, false],
		field: [false, false],
		viewer: [false, false]
	},
	'shelter.activity.read': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, false],
		field: [true, false],
		viewer: [false, false]
	},
	'shelter.activity.edit': {
		admin: [false, false],
		coordinator: [false, false],
		partner: [false, false],
		field: [false, false],
		viewer: [false, false]
	},
	'shelter.activity.delete': {
		admin: [false, false],
		coordinator: [false, false],
		partner: [false, false],
		field: [false, false],
		viewer: [false, false]
	},
	'shelter.activity.review': {
		admin: [false, false],
		coordinator: [false, false],
		partner: [false, false],
		field: [false, false],
		viewer: [false, false]
	},
	'shelter.activity.reopen': {
		admin: [false, false],
		coordinator: [false, false],
		partner: [false, false],
		field: [false, false],
		viewer: [false, false]
	},
	'shelter.activity.import': {
		admin: [true, true],
		coordinator: [true, true],
		partner: [true, true],
		field: [false, false],
		viewer: [false, false]
	}
};

describe('can', () => {
	it('covers every action in the matrix', () => {
		expect(Object.keys(MATRIX).sort()).toEqual([...ACTIONS].sort());
	});

	for (const action of ACTIONS) {
		for (const role of ROLES) {
			const [own, other] = MATRIX[action][role];
			it(`${role} ${own ? 'may' : 'may not'} ${action} on their own organisation's records`, () => {
				expect(can(actor(role), action, { organisationId: OWN_ORG })).toBe(own);
			});
			it(`${role} ${other ? 'may' : 'may not'} ${action} on another organisation's records`, () => {
				expect(can(actor(role), action, { organisationId: OTHER_ORG })).toBe(other);
			});
		}
	}

	it('refuses everything to nobody', () => {
		for (const action of ACTIONS) expect(can(null, action)).toBe(false);
	});
});

/**
 * The 4W review workflow: role × review state → may act on their own organisation's row, and on
 * another's. (The matrix above asks without a state, when every state-bound action is refused.)
 */
type StateTable = Record<Role, [own: boolean, other: boolean]>;
const T: [boolean, boolean] = [true, true];
const F: [boolean, boolean] = [false, false];
const OWN: [boolean, boolean] = [true, false];
const WORKFLOW: Record<string, Record<string, StateTable>> = {
	'shelter.activity.edit': {
		draft: { admin: T, coordinator: T, partner: OWN, field: F, viewer: F },
		submitted: { admin: F, coordinator: F, partner: F, field: F, viewer: F },
		validated: { admin: F, coordinator: F, partner: F, field: F, viewer: F },
		returned: { admin: T, coordinator: T, partner: OWN, field: F, viewer: F }
	},
	'shelter.activity.delete': {
		draft: { admin: T, coordinator: T, partner: OWN, field: F, viewer: F },
		submitted: { admin: F, coordinator: F, partner: F, field: F, viewer: F },
		validated: { admin: F, coordinator: F, partner: F, field: F, viewer: F },
		returned: { admin: F, coordinator: F, partner: F, field: F, viewer: F }
	},
	'shelter.activity.review': {
		draft: { admin: F, coordinator: F, partner: F, field: F, viewer: F },
		submitted: { admin: T, coordinator: T, partner: F, field: F, viewer: F },
		validated: { admin: F, coordinator: F, partner: F, field: F, viewer: F },
		returned: { admin: F, coordinator: F, partner: F, field: F, viewer: F }
	},
	'shelter.activity.reopen': {
		draft: { admin: F, coordinator: F, partner: F, field: F, viewer: F },
		submitted: { admin: F, coordinator: F, partner: F, field: F, viewer: F },
		validated: { admin: T, coordinator: T, partner: F, field: F, viewer: F },
		returned: { admin: F, coordinator: F, partner: F, field: F, viewer: F }
	},
	'shelter.activity.read': {
		draft: { admin: T, coordinator: T, partner: OWN, field: OWN, viewer: F },
		submitted: { admin: T, coordinator: T, partner: OWN, field: OWN, viewer: F },
		validated: { admin: T, coordinator: T, partner: T, field: T, viewer: T },
		returned: { admin: T, coordinator: T, partner: OWN, field: OWN, viewer: F }
	}
};

describe('the 4W review workflow', () => {
	for (const [action, states] of Object.entries(WORKFLOW)) {
		for (const [status, table] of Object.entries(states)) {
			for (const role of ROLES) {
				const [own, other] = table[role];
				it(`${role} ${own ? 'may' : 'may not'} ${action} their own ${status} row`, () => {
					expect(can(actor(role), action as Action, { organisationId: OWN_ORG, status })).toBe(own);
				});
				it(`${role} ${other ? 'may' : 'may not'} ${action} another's ${status} row`, () => {
					expect(can(actor(role), action as Action, { organisationId: OTHER_ORG, status })).toBe(
						other
					);
				});
			}
		}
	}
});

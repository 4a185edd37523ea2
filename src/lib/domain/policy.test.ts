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

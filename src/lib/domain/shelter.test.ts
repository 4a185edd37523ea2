import { describe, expect, it } from 'vitest';
import { catalogueSchema } from './shelter';

const kit = (components: { itemId: number; quantity: number | string }[]) => ({
	kind: 'kit',
	code: 'TESTKIT',
	nameEn: 'Test kit',
	nameKm: 'កញ្ចប់សាកល្បង',
	unit: 'kit',
	components
});

describe('a kit in the catalogue', () => {
	it('holds whole things', () => {
		const r = catalogueSchema.safeParse(kit([{ itemId: 1, quantity: 1.5 }]));
		expect(r.success).toBe(false);
		expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['components.0.quantity', 'Enter a whole number.']
		]);
		expect(catalogueSchema.parse(kit([{ itemId: 1, quantity: '2' }])).components).toEqual([
			{ itemId: 1, quantity: 2 }
		]);
	});
	it('names the line that repeats an item', () => {
		const r = catalogueSchema.safeParse(
			kit([
				{ itemId: 1, quantity: 1 },
				{ itemId: 1, quantity: 2 }
			])
		);
		expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['components.1.itemId']);
	});
});

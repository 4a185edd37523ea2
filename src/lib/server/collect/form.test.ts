// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { AnyNode, FormLanguage, InputNode, RootNode, SelectNode } from '@getodk/xforms-engine';
import { assessmentShape } from '$lib/domain/assessments';
import { adminAreas, assessments, auditLog, responses } from '$lib/server/db/schema';
import { countAssessments } from '$lib/server/assessments/testing';
import { COMMUNE, assessmentWorld } from '$lib/server/assessments/testing';
import { readSubmissionXml, toAssessmentInput } from './answers';
import { fieldsOf } from './form';
import { responseForm } from './forms';
import { receiveSubmission } from './receive';
import { loadInEngine, nodeAt } from './engine.testing';

let w: Awaited<ReturnType<typeof assessmentWorld>>;
beforeEach(async () => {
	w = await assessmentWorld();
});

const form = async () => (await responseForm(w.db, w.responseId))!;
const input = (root: RootNode, ref: string) => nodeAt(root, ref) as InputNode;
const select = (root: RootNode, ref: string) => nodeAt(root, ref) as SelectNode;
/** jsdom's Blob has no text(); its FileReader reads it. */
const textOf = (blob: Blob) =>
	new Promise<string>((resolve) => {
		const reader = new FileReader();
		reader.onload = () => resolve(reader.result as string);
		reader.readAsText(blob);
	});
const khmer = (root: RootNode) =>
	root.languages.find((l) => l.language === 'Khmer (km)') as FormLanguage;
const violation = (node: AnyNode) =>
	'violation' in node.validationState ? node.validationState.violation : null;

describe('the rapid-assessment XForm', () => {
	it('asks or derives every field of the assessment schema', async () => {
		const { form: f } = await form();
		const asked = new Set(fieldsOf(f).map(({ field }) => field.name));
		const parts = readSubmissionXml(
			`<data id="${f.formId}">${[...asked].map((n) => `<${n}>${n === 'point' ? '13.1 103.2 0 5' : 1}</${n}>`).join('')}` +
				'<meta><instanceID>uuid:0b6f0d3e-5c51-4c2f-9d55-7c2b7a0a4f11</instanceID></meta></data>'
		);
		const derived = toAssessmentInput(parts);
		const missing = Object.keys(assessmentShape).filter(
			(key) => !asked.has(key) && derived[key] === undefined
		);
		expect(missing).toEqual([]);
	});

	it('loads in ODK’s engine in English and Khmer, with the areas cascading', async () => {
		const root = await loadInEngine((await form()).xml);
		expect(root.languages.map((l) => l.language)).toEqual(['English (en)', 'Khmer (km)']);
		const province = select(root, '/data/where/province');
		const district = select(root, '/data/where/district');
		expect(province.currentState.label?.asString).toBe('Province');
		expect(province.currentState.valueOptions.map((o) => o.value)).toContain('KH02');
		expect(district.currentState.relevant).toBe(false);
		province.selectValue('KH02');
		expect(district.currentState.valueOptions.map((o) => o.value)).toEqual(['KH0201']);
		select(root, '/data/where/district').selectValue('KH0201');
		expect(
			select(root, '/data/where/commune').currentState.valueOptions.map((o) => o.value)
		).toEqual([COMMUNE, 'KH020102']);

		root.setLanguage(khmer(root));
		expect(province.currentState.label?.asString).toBe('ខេត្ត');
		expect(select(root, '/data/where/commune').currentState.valueOptions[0].label.asString).toBe(
			'កន្ទឺ១'
		);
	});

	it('holds the schema’s rules and says so in both languages', async () => {
		const root = await loadInEngine((await form()).xml);
		input(root, '/data/affected/affected_persons/affected_f_18_59').setValue('10');
		const disabled = input(root, '/data/affected/affected_persons/affected_disabled');
		disabled.setValue('11');
		expect(violation(disabled)?.message?.asString).toContain(
			'“Persons with disabilities” cannot be more than “Affected persons by sex and age”'
		);
		root.setLanguage(khmer(root));
		expect(violation(disabled)?.message?.asString).toContain('មិនអាចលើស');
		disabled.setValue('10');
		expect(violation(disabled)).toBeNull();

		const deaths = input(root, '/data/casualties/deaths');
		deaths.setValue('50001');
		expect(violation(deaths)?.condition).toBe('constraint');
		const point = input(root, '/data/where/point');
		point.setValue('13.75 100.5 0 5');
		expect(violation(point)?.message?.asString).toBe('ចំណុចនេះនៅក្រៅប្រទេសកម្ពុជា។');
	});

	it('sends what the engine submits as an assessment, once', async () => {
		const root = await loadInEngine((await form()).xml);
		input(root, '/data/where/point').setValue('13.1 103.2 12 8');
		select(root, '/data/where/province').selectValue('KH02');
		select(root, '/data/where/district').selectValue('KH0201');
		select(root, '/data/where/commune').selectValue(COMMUNE);
		input(root, '/data/when/observedOn').setValue('2020-10-15');
		input(root, '/data/affected/affectedHouseholds').setValue('12');
		input(root, '/data/affected/affected_persons/affected_f_18_59').setValue('20');
		input(root, '/data/affected/affected_persons/affected_m_0_5').setValue('7');
		select(root, '/data/services/access').selectValue('boat_only');
		select(root, '/data/services/waterState').selectValue('limited');
		select(root, '/data/services/sanitationState').selectValue('flooded');
		select(root, '/data/needs/need_1').selectValue('water');
		expect(
			select(root, '/data/needs/need_2').currentState.valueOptions.map((o) => o.value)
		).not.toContain('water');
		select(root, '/data/needs/need_2').selectValue('shelter');

		const payload = await root.prepareInstancePayload();
		expect(payload.status).toBe('ready');
		const xml = await textOf(payload.data[0].get('xml_submission_file') as Blob);
		const first = await receiveSubmission(w.db, w.field, readSubmissionXml(xml), {
			source: 'odk'
		});
		const again = await receiveSubmission(w.db, w.field, readSubmissionXml(xml), {
			source: 'odk'
		});
		expect([first.outcome, again.outcome]).toEqual(['created', 'existing']);
		expect(await countAssessments(w.db)).toBe(1);
		const [row] = await w.db.select().from(assessments);
		expect(row).toMatchObject({
			pcode: COMMUNE,
			pcodeSource: 'given',
			lon: 103.2,
			lat: 13.1,
			accuracyM: 8,
			locationSource: 'gps',
			affectedHouseholds: 12,
			affectedPersons: 27,
			access: 'boat_only',
			needs: ['water', 'shelter']
		});
		const [audit] = await w.db.select().from(auditLog).where(eq(auditLog.entity, 'assessments'));
		expect(audit.detail).toMatchObject({ source: 'odk', formVersion: (await form()).form.version });
	});

	it('takes the days the server takes: a response that has ended opens on its last day', async () => {
		await w.db
			.update(responses)
			.set({ startDate: '2020-10-01', endDate: '2020-12-31' })
			.where(eq(responses.id, w.responseId));
		const root = await loadInEngine((await form()).xml);
		const day = input(root, '/data/when/observedOn');
		expect(String(day.currentState.value)).toBe('2020-12-31');
		expect(violation(day)).toBeNull();
		day.setValue('2021-01-05');
		expect(violation(day)?.message?.asString).toBe(
			'Enter a day from 2020-10-01 to 2020-12-31, when the response ended.'
		);
		day.setValue('2020-09-30');
		expect(violation(day)?.condition).toBe('constraint');
	});

	it('changes its version when the areas change, and only then', async () => {
		const before = await form();
		expect((await form()).form.version).toBe(before.form.version);
		await w.db.update(adminAreas).set({ nameKm: 'កន្ទឺ ១' }).where(eq(adminAreas.pcode, COMMUNE));
		const after = await form();
		expect(after.form.version).not.toBe(before.form.version);
		expect(after.hash).not.toBe(before.hash);
	});
});

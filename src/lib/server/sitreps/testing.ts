/** Published sitreps to render in tests: a flood with one assessment, a return with its trips. */
import JSZip from 'jszip';
import { assessmentSchema } from '$lib/domain/assessments';
import { newTallySchema } from '$lib/domain/returns';
import { sitrepSchema, type SitrepInput } from '$lib/domain/sitreps';
import type { Actor } from '$lib/domain/policy';
import type { Db } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth/sessions';
import { submitAssessment } from '$lib/server/assessments';
import { assessmentWorld, sample } from '$lib/server/assessments/testing';
import { changeStatus, confirmArrival, createManifest, recordTally } from '$lib/server/returns';
import { manifestInput, returnsWorld, tallyInput } from '$lib/server/returns/testing';
import { valid } from '$lib/server/testing';
import { createSitrep, figuresOf, getSitrep, publishSitrep, updateSitrep } from '.';
import type { SitrepOutput } from './pdf';
import { sitrepScenes } from './svg';

/** A new report as the form's route makes it: parsed by the domain schema, then saved. */
export const draftSitrep = async (db: Db, actor: Actor, responseId: number, input: SitrepInput) =>
	createSitrep(db, actor, responseId, valid(sitrepSchema, input));

/** A draft edited as the form's route does it. */
export const editSitrep = async (db: Db, actor: Actor, id: number, input: SitrepInput) =>
	updateSitrep(db, actor, id, valid(sitrepSchema, input));

async function publish(
	db: Db,
	coordinator: SessionUser,
	responseId: number,
	responseName: string,
	input: SitrepInput,
	now?: Date
): Promise<SitrepOutput> {
	const s = await draftSitrep(db, coordinator, responseId, input);
	await publishSitrep(db, coordinator, s.id, now);
	const sitrep = await getSitrep(db, responseId, s.number);
	if (!sitrep) throw new Error('The published sitrep is not there.');
	const figures = await figuresOf(db, sitrep);
	return { sitrep, responseName, figures, scenes: await sitrepScenes(db, figures, 'en') };
}

/** What the DOCX and PDF writers take, for a flood sitrep written with `input` and published. */
export async function publishedSitrepOutput(input: SitrepInput): Promise<SitrepOutput> {
	const w = await assessmentWorld();
	await submitAssessment(w.db, w.field, assessmentSchema.parse(sample(w.responseId)));
	return publish(w.db, w.coordinator, w.responseId, 'Floods', input);
}

/**
 * The same for a mass return: 100 arrivals a day at Poipet (going to Kampong Cham and Prey
 * Veng) and O'Smach (to Battambang) over three days, a bus to Battambang of 40 people of whom 39
 * arrived, and one to Prey Veng still on the road.
 */
export async function returnSitrepOutput(input: SitrepInput): Promise<SitrepOutput> {
	const w = await returnsWorld();
	const at = (iso: string) => new Date(iso);
	const now = at('2014-06-30T12:00:00+07:00');
	const days = ['2014-06-12', '2014-06-13', '2014-06-14'];
	for (const [i, arrivedOn] of days.entries()) {
		await recordTally(w.db, w.field, newTallySchema.parse(tallyInput(w, { arrivedOn })));
		if (i) {
			await recordTally(
				w.db,
				w.partner,
				newTallySchema.parse(
					tallyInput(w, {
						arrivedOn,
						locationId: w.osmach,
						destinations: [{ pcode: 'KH02', persons: 90 }]
					})
				)
			);
		}
	}
	const trip = async (destProvincePcode: string, departed: string, arrived: number | null) => {
		const m = (await createManifest(w.db, w.field, manifestInput(w, { destProvincePcode }))).row;
		await changeStatus(w.db, w.field, m.id, { status: 'boarding', at: at(departed) }, now);
		await changeStatus(w.db, w.field, m.id, { status: 'departed', at: at(departed) }, now);
		if (arrived !== null) {
			await confirmArrival(
				w.db,
				w.field,
				m.id,
				{
					at: at('2014-06-13T18:00:00+07:00'),
					receivedCount: arrived,
					missingIds: [],
					missingSeats: [],
					missingNote: null
				},
				now
			);
		}
	};
	await trip('KH02', '2014-06-13T08:00:00+07:00', 39);
	await trip('KH14', '2014-06-14T08:00:00+07:00', null);
	return publish(w.db, w.coordinator, w.responseId, 'Return from Thailand', input, now);
}

/** A DOCX's paragraphs as plain text, read back from its XML. */
export async function docxParagraphs(docx: Buffer): Promise<string[]> {
	const zip = await JSZip.loadAsync(docx);
	const xml = await zip.file('word/document.xml')?.async('string');
	if (xml === undefined) throw new Error('No word/document.xml in the DOCX.');
	return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
		[...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')
	);
}

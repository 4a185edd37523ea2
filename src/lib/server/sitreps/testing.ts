/** A published sitrep to render in tests: the assessments' world, one assessment, report 1. */
import { assessmentSchema } from '$lib/domain/assessments';
import type { SitrepInput } from '$lib/domain/sitreps';
import { submitAssessment } from '$lib/server/assessments';
import { assessmentWorld, sample } from '$lib/server/assessments/testing';
import { createSitrep, figuresOf, getSitrep, publishSitrep } from '.';
import type { SitrepOutput } from './pdf';
import { sitrepScenes } from './svg';

/** What the DOCX and PDF writers take, for a sitrep written with `input` and published. */
export function publishedSitrepOutput(input: SitrepInput): SitrepOutput {
	const w = assessmentWorld();
	submitAssessment(w.db, w.field, assessmentSchema.parse(sample(w.responseId)));
	const s = createSitrep(w.db, w.coordinator, w.responseId, input);
	publishSitrep(w.db, w.coordinator, s.id);
	const sitrep = getSitrep(w.db, w.responseId, s.number);
	if (!sitrep) throw new Error('The published sitrep is not there.');
	const figures = figuresOf(w.db, sitrep);
	return { sitrep, responseName: 'Floods', figures, scenes: sitrepScenes(w.db, figures, 'en') };
}

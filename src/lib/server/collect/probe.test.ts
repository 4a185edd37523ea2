// @vitest-environment jsdom
import { it } from 'vitest';
import { buildForm } from './form';
import { renderXForm, withVersion } from './xform';

it('probe', async () => {
	Object.assign(globalThis, { __dirname: '/', module: {} });
	const { createInstance } = await import('@getodk/xforms-engine');
	const form = withVersion(
		buildForm({ id: 3, name: 'Floods', startDate: '2020-10-01' }, [
			{ pcode: 'KH02', level: 1, parentPcode: null, nameEn: 'Battambang', nameKm: 'បាត់ដំបង' },
			{ pcode: 'KH0201', level: 2, parentPcode: 'KH02', nameEn: 'Banan', nameKm: 'បាណន់' },
			{ pcode: 'KH020101', level: 3, parentPcode: 'KH0201', nameEn: 'K1', nameKm: 'ក១' }
		])
	);
	const xml = renderXForm(form);
	console.log(xml.slice(0, 3000));
	const inst = await createInstance(xml, {
		form: { fetchFormAttachment: async () => new Response('') } as never
	});
	console.log(Object.keys(inst));
	const root = (inst as any).root ?? (inst as any).instance?.root;
	console.log(root.languages);
});

/**
 * Districts and communes hit by the October 2020 floods, for the demo's assessments: NCDD-style
 * P-codes with English and Khmer names, and approximate centres for placing points. Only the
 * provinces ship with a fresh database; these are added when missing.
 */
export interface DemoDistrict {
	pcode: string;
	nameEn: string;
	nameKm: string;
	/** Approximate centre, [lon, lat]. */
	centre: [number, number];
	communes: [nameEn: string, nameKm: string][];
}

export const FLOOD_DISTRICTS: DemoDistrict[] = [
	{
		pcode: 'KH0201',
		nameEn: 'Banan',
		nameKm: 'បាណន់',
		centre: [103.17, 12.97],
		communes: [
			['Kantueu Muoy', 'កន្ទឺ ១'],
			['Kantueu Pir', 'កន្ទឺ ២'],
			['Bay Damram', 'បាយដំរាំ'],
			['Chheu Teal', 'ឈើទាល'],
			['Chaeng Mean Chey', 'ចែងមានជ័យ'],
			['Phnum Sampov', 'ភ្នំសំពៅ'],
			['Snoeng', 'ស្នឹង'],
			['Ta Kream', 'តាក្រាម']
		]
	},
	{
		pcode: 'KH0203',
		nameEn: 'Battambang',
		nameKm: 'ក្រុងបាត់ដំបង',
		centre: [103.2, 13.1],
		communes: [
			['Tuol Ta Aek', 'ទួលតាឯក'],
			['Preaek Preah Sdach', 'ព្រែកព្រះស្ដេច'],
			['Rotanak', 'រតនៈ'],
			['Chamkar Samraong', 'ចំការសំរោង'],
			['Sla Kaet', 'ស្លាកែត'],
			['Kdol Doun Teav', 'ក្ដុលដូនទាវ'],
			['Ou Mal', 'អូរម៉ាល់'],
			['Voat Kor', 'វត្តគរ']
		]
	},
	{
		pcode: 'KH0205',
		nameEn: 'Aek Phnum',
		nameKm: 'ឯកភ្នំ',
		centre: [103.3, 13.35],
		communes: [
			['Preaek Norint', 'ព្រែកនរិន្ទ'],
			['Samraong Knong', 'សំរោងក្នុង'],
			['Preaek Khpob', 'ព្រែកខ្ពប'],
			['Preaek Luong', 'ព្រែកហ្លួង'],
			['Peam Aek', 'ពាមឯក'],
			['Prey Chas', 'ព្រៃចាស់'],
			['Kaoh Chiveang', 'កោះជីវាំង']
		]
	},
	{
		pcode: 'KH0206',
		nameEn: 'Moung Ruessei',
		nameKm: 'មោងឫស្សី',
		centre: [103.45, 12.77],
		communes: [
			['Moung', 'មោង'],
			['Kear', 'គារ'],
			['Prey Svay', 'ព្រៃស្វាយ'],
			['Ruessei Krang', 'ឫស្សីក្រាំង'],
			['Chrey', 'ជ្រៃ'],
			['Ta Loas', 'តាលាស់'],
			['Kakaoh', 'កកោះ'],
			['Prey Touch', 'ព្រៃតូច'],
			['Robas Mongkol', 'របស់មង្គល']
		]
	},
	{
		pcode: 'KH0208',
		nameEn: 'Sangkae',
		nameKm: 'សង្កែ',
		centre: [103.35, 13.2],
		communes: [
			['Anlong Vil', 'អន្លង់វិល'],
			['Norea', 'នរា'],
			['Ta Pon', 'តាប៉ុន'],
			['Roka', 'រកា'],
			['Kampong Preah', 'កំពង់ព្រះ'],
			['Kampong Prieng', 'កំពង់ព្រៀង'],
			['Reang Kesei', 'រាំងកេសី'],
			['Ou Dambang Muoy', 'អូរដំបង ១'],
			['Ou Dambang Pir', 'អូរដំបង ២'],
			['Vaot Ta Muem', 'វត្តតាមិម']
		]
	},
	{
		pcode: 'KH0102',
		nameEn: 'Mongkol Borei',
		nameKm: 'មង្គលបុរី',
		centre: [103.0, 13.5],
		communes: [
			['Banteay Neang', 'បន្ទាយនាង'],
			['Bat Trang', 'បត់ត្រង់'],
			['Chamnaom', 'ចំណោម'],
			['Kouk Ballangk', 'គោកបល្ល័ង្ក'],
			['Koy Maeng', 'គយម៉ែង'],
			['Ou Prasat', 'អូរប្រាសាទ'],
			['Phnum Touch', 'ភ្នំតូច'],
			['Rohat Tuek', 'រហាត់ទឹក'],
			['Ruessei Kraok', 'ឫស្សីក្រោក'],
			['Sambuor', 'សំបួរ']
		]
	},
	{
		pcode: 'KH0104',
		nameEn: 'Preah Netr Preah',
		nameKm: 'ព្រះនេត្រព្រះ',
		centre: [103.27, 13.62],
		communes: [
			['Chhnuor Mean Chey', 'ឈ្នួរមានជ័យ'],
			['Chob Vari', 'ជប់វារី'],
			['Phnum Lieb', 'ភ្នំលៀប'],
			['Prasat', 'ប្រាសាទ'],
			['Rohal', 'រហាល'],
			['Tean Kam', 'ទានកាំ'],
			['Tuek Chour', 'ទឹកជោរ']
		]
	},
	{
		pcode: 'KH0106',
		nameEn: 'Serei Saophoan',
		nameKm: 'ក្រុងសិរីសោភ័ណ',
		centre: [102.97, 13.6],
		communes: [
			['Kampong Svay', 'កំពង់ស្វាយ'],
			['Kaoh Pong Satv', 'កោះពងសត្វ'],
			['Mkak', 'ម្កាក់'],
			['Ou Ambel', 'អូរអំបិល'],
			['Phniet', 'ភ្នៀត'],
			['Preah Ponlea', 'ព្រះពន្លា'],
			['Tuek Thla', 'ទឹកថ្លា']
		]
	},
	{
		pcode: 'KH1501',
		nameEn: 'Bakan',
		nameKm: 'បាកាន',
		centre: [103.85, 12.68],
		communes: [
			['Boeng Bat Kandaol', 'បឹងបត់កណ្ដាល'],
			['Boeng Khnar', 'បឹងខ្នារ'],
			['Khnar Totueng', 'ខ្នារទទឹង'],
			['Me Tuek', 'មេទឹក'],
			['Ou Ta Paong', 'អូរតាប៉ោង'],
			['Rumlech', 'រំលេច'],
			['Snam Preah', 'ស្នាមព្រះ'],
			['Svay Doun Kaev', 'ស្វាយដូនកែវ']
		]
	},
	{
		pcode: 'KH1502',
		nameEn: 'Kandieng',
		nameKm: 'កណ្ដៀង',
		centre: [103.92, 12.55],
		communes: [
			['Anlong Vil', 'អន្លង់វិល'],
			['Kanhchor', 'កញ្ជរ'],
			['Kandieng', 'កណ្ដៀង'],
			['Peam', 'ពាម'],
			['Srae Sdok', 'ស្រែស្ដុក'],
			['Svay Luong', 'ស្វាយលួង'],
			['Sya', 'ស្យា'],
			['Veal', 'វាល']
		]
	},
	{
		pcode: 'KH1503',
		nameEn: 'Krakor',
		nameKm: 'ក្រគរ',
		centre: [104.2, 12.48],
		communes: [
			['Anlong Tnaot', 'អន្លង់ត្នោត'],
			['Ansa Chambak', 'អន្សាចំបក់'],
			['Boeng Kantuot', 'បឹងកន្ទួត'],
			['Chheu Tom', 'ឈើធំ'],
			['Kampong Luong', 'កំពង់លួង'],
			['Kampong Pou', 'កំពង់ពោធិ៍'],
			['Kbal Trach', 'ក្បាលត្រាច'],
			['Ou Sandan', 'អូរសណ្ដាន់'],
			['Sna Ansa', 'ស្នាអន្សា'],
			['Svay Sa', 'ស្វាយស']
		]
	},
	{
		pcode: 'KH1706',
		nameEn: 'Kralanh',
		nameKm: 'ក្រឡាញ់',
		centre: [103.45, 13.58],
		communes: [
			['Chonloas Dai', 'ចន្លាសដៃ'],
			['Kampong Thkov', 'កំពង់ថ្កូវ'],
			['Kralanh', 'ក្រឡាញ់'],
			['Kouk Thlok Kraom', 'គោកធ្លកក្រោម'],
			['Sen Sok', 'សែនសុខ']
		]
	},
	{
		pcode: 'KH1710',
		nameEn: 'Siem Reap',
		nameKm: 'ក្រុងសៀមរាប',
		centre: [103.86, 13.37],
		communes: [
			['Slar Kram', 'ស្លក្រាម'],
			['Svay Dankum', 'ស្វាយដង្គំ'],
			['Kok Chak', 'គោកចក'],
			['Sala Kamreuk', 'សាលាកំរើក'],
			['Nokor Thum', 'នគរធំ'],
			['Chreav', 'ជ្រាវ']
		]
	},
	{
		pcode: 'KH2401',
		nameEn: 'Pailin',
		nameKm: 'ក្រុងប៉ៃលិន',
		centre: [102.6, 12.85],
		communes: [
			['Pailin', 'ប៉ៃលិន'],
			['Ou Ta Vau', 'អូរតាវ៉ៅ'],
			['Tuol Lvea', 'ទួលល្វា'],
			['Bar Yakha', 'បរយ៉ាខា']
		]
	}
];

export interface DemoCommune {
	pcode: string;
	districtPcode: string;
	nameEn: string;
	nameKm: string;
	centre: [number, number];
}

/** The communes with P-codes numbered in order within each district, and spread-out centres. */
export function floodCommunes(): DemoCommune[] {
	return FLOOD_DISTRICTS.flatMap((d) =>
		d.communes.map(([nameEn, nameKm], i) => {
			const angle = (i / d.communes.length) * 2 * Math.PI;
			return {
				pcode: `${d.pcode}${String(i + 1).padStart(2, '0')}`,
				districtPcode: d.pcode,
				nameEn,
				nameKm,
				centre: [d.centre[0] + 0.05 * Math.cos(angle), d.centre[1] + 0.05 * Math.sin(angle)]
			};
		})
	);
}

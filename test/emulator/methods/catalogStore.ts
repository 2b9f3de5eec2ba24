import { DEMO_RECORDS_STAMP } from '../demoSeed';
import { Bitrix24Error } from '../errors';
import type { Portal } from '../portal';
import { isArrayValue } from '../binder';
import { formatBitrixDate } from '../time';
import { field, givenFields } from './fieldTable';
import { readUploadedImage } from './uploadedImage';
import { recordTableMethods, type RecordTableSpec } from './recordTable';

/**
 * catalog.store.* (warehouses). Docs: catalog/store. What each holds is catalog.storeproduct.*
 * (catalogStoreProduct.ts).
 */
/** A store's image sent as `{fileData: [name, base64]}`; one the portal cannot save is dropped. */
function savedImage(portal: Portal, fileData: unknown): { id: number; url: string } | undefined {
	if (!isArrayValue(fileData)) return undefined;
	try {
		return portal.saveFile(readUploadedImage(fileData, portal.maxUploadBytes));
	} catch (error) {
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- not node code: a defect of the emulator
		if (!(error instanceof Bitrix24Error)) throw error;
		return undefined;
	}
}

export const STORE_TABLE: RecordTableSpec = {
	method: 'catalog.store',
	keys: { one: 'store', many: 'stores' },
	table: {
		active: field('char'),
		address: field('string', 'Q'),
		code: field('string'),
		dateCreate: field('datetime'),
		dateModify: field('datetime'),
		description: field('string'),
		email: field('string'),
		gpsN: field('double'),
		gpsS: field('double'),
		id: field('integer', 'R'),
		imageId: field('file'),
		issuingCenter: field('char'),
		modifiedBy: field('integer'),
		phone: field('string'),
		schedule: field('string'),
		sort: field('integer'),
		title: field('string'),
		userId: field('integer'),
		xmlId: field('string'),
	},
	defaults: {
		active: 'Y',
		code: null,
		description: '',
		email: '',
		gpsN: 0,
		gpsS: 0,
		imageId: null,
		issuingCenter: 'N',
		phone: '',
		schedule: '',
		sort: 100,
		title: '',
		xmlId: null,
	},
	seed: [
		{
			title: 'Main warehouse',
			dateCreate: DEMO_RECORDS_STAMP,
			dateModify: DEMO_RECORDS_STAMP,
			address: '52 Main St.',
			code: 'main',
			userId: 1,
			modifiedBy: 1,
		},
		{
			title: 'Shop floor',
			dateCreate: DEMO_RECORDS_STAMP,
			dateModify: DEMO_RECORDS_STAMP,
			address: '19 Miller St.',
			code: 'shop',
			userId: 1,
			modifiedBy: 1,
		},
	],
	required: { add: ['address'] },
	notFound: { code: 201100000000, text: 'Store is not exists' },
	check(fields, { caller, current, params, portal }) {
		if (current && fields.address === '')
			throw new Bitrix24Error(400, 0, 'Empty parameter address');
		// The table stamps its own dates, keeps an image sent as fileData (answered as
		// `{id, url}`) and stores an empty external code as NULL, as the add page's example shows.
		const stamp = formatBitrixDate(new Date());
		const image = savedImage(portal, givenFields(givenFields(params.fields).imageId).fileData);
		const rest = { ...fields };
		delete rest.dateCreate;
		delete rest.dateModify;
		return {
			...rest,
			...(rest.xmlId === '' ? { xmlId: null } : {}),
			...(image ? { imageId: image } : {}),
			dateModify: stamp,
			modifiedBy: caller.user.id,
			...(current ? {} : { dateCreate: stamp, userId: caller.user.id }),
		};
	},
	beforeDelete(store, { portal }) {
		// The items of inventory documents (catalogDocumentElement.ts) name the stores they move goods between.
		const used = portal.records
			.of('catalog.document.element')
			.all()
			.some((item) => item.storeFrom === store.id || item.storeTo === store.id);
		if (used) throw new Bitrix24Error(400, 0, 'Documents are issued for this warehouse');
	},
};

export const catalogStoreMethods = recordTableMethods(STORE_TABLE);

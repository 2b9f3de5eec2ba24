import { expectErrorReply, resultOf } from '../testClient';
import { useEmulator } from './emulatorUnderTest';

/** The plain catalog tables, one handler set for all, shown on catalog.measure. */

const { emu, call } = useEmulator();

const expectError = expectErrorReply;

const PAIR = { code: 715, measureTitle: 'Pair', symbol: 'pair', symbolLetterIntl: 'NPR' };

describe('catalog.measure', () => {
	it('adds a unit with the defaults, gets it, lists it and deletes it', async () => {
		const added = resultOf(await call('catalog.measure.add', { fields: PAIR })).measure;
		expect(added).toEqual({
			id: 6,
			code: 715,
			isDefault: 'N',
			measureTitle: 'Pair',
			symbol: 'pair',
			symbolIntl: null,
			symbolLetterIntl: 'NPR',
		});
		expect(resultOf(await call('catalog.measure.get', { id: 6 })).measure).toEqual(added);
		const list = await call('catalog.measure.list', {
			select: ['id', 'code'],
			filter: { '>code': 200 },
			order: { code: 'desc' },
		});
		expect(list.body).toMatchObject({
			result: {
				measures: [
					{ id: 5, code: 796 },
					{ id: 6, code: 715 },
				],
			},
			total: 2,
		});
		expect(resultOf(await call('catalog.measure.delete', { id: 6 }))).toBe(true);
		await expectError(
			call('catalog.measure.get', { id: 6 }),
			200600000020,
			'Measure is not exists',
		);
	});

	it('updates only the writable fields it is given, cast by type', async () => {
		const answer = await call('catalog.measure.update', {
			id: 1,
			fields: { measureTitle: 'Metre', code: '7', id: 99, unknown: 'x' },
		});
		expect(resultOf(answer).measure).toMatchObject({ id: 1, code: 7, measureTitle: 'Metre' });
	});

	it('answers the documented errors', async () => {
		await expectError(
			call('catalog.measure.add', { fields: { code: 1 } }),
			0,
			'Required fields: measureTitle',
		);
		await expectError(
			call('catalog.measure.add', { fields: { ...PAIR, code: 796 } }),
			200600000000,
			'Measure with code 796 already exists',
		);
		await expectError(
			call('catalog.measure.update', { id: 1, fields: { isDefault: 'Y' } }),
			200600000010,
			'Default measure already exists',
		);
		await expectError(
			call('catalog.measure.delete', { id: 404 }),
			200600000020,
			'Measure is not exists',
		);
		await expectError(
			call('catalog.measure.add', { fields: PAIR }, 'viewer'),
			200040300020,
			'Access Denied',
		);
		expect(emu.portal.records.of('catalog.measure').all()).toHaveLength(5);
	});

	it('describes its fields', async () => {
		const fields = resultOf(await call('catalog.measure.getFields', {})).measure as object;
		expect(Object.keys(fields)).toEqual([
			'id',
			'code',
			'isDefault',
			'measureTitle',
			'symbol',
			'symbolIntl',
			'symbolLetterIntl',
		]);
		expect(fields).toMatchObject({
			id: { isReadOnly: true, isRequired: false, type: 'integer' },
			code: { isReadOnly: false, isRequired: true, type: 'integer' },
		});
	});

	it('starts again from its seed on reset', async () => {
		await call('catalog.measure.add', { fields: PAIR });
		emu.reset();
		expect(emu.portal.records.of('catalog.measure').all()).toHaveLength(5);
	});
});

import { Bitrix24Emulator, type EmulatorOptions } from '../index';
import { postJson, type Reply } from '../testClient';

/** The method at the heart of the node, which many of the emulator's tests call. */
export const DELETE = 'catalog.productImage.delete';

/** Real time passing, for limits that release and delays the emulator was told to make. */
export const sleep = (ms: number) =>
	// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- tests wait on real timers
	new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One emulator for the test file: started before its tests, reset before each, stopped after.
 * `emu` stands for that emulator (it starts only in beforeAll); `url` and `call` reach a method
 * through a webhook (`admin` unless named).
 */
export function useEmulator(options: EmulatorOptions = {}) {
	let running: Bitrix24Emulator | undefined;
	const current = (): Bitrix24Emulator => {
		if (running === undefined) throw new Error('The emulator starts in beforeAll');
		return running;
	};
	const emu = new Proxy({} as Bitrix24Emulator, {
		get(_, key) {
			const emulator = current();
			const value: unknown = Reflect.get(emulator, key);
			return typeof value === 'function' ? value.bind(emulator) : value;
		},
		set: (_, key, value) => Reflect.set(current(), key, value),
	});
	const url = (method: string, webhook = 'admin') => current().webhookUrl(webhook) + method;
	const call = (method: string, params: object, webhook = 'admin'): Promise<Reply> =>
		postJson(url(method, webhook), params);

	beforeAll(async () => {
		running = await Bitrix24Emulator.start(options);
	});
	afterAll(() => current().stop());
	beforeEach(() => current().reset());

	return { emu, url, call };
}

/** Every answer's `time`: Bitrix24's keys in its order, numbers and ISO dates. */
export function expectTime(body: unknown): void {
	const time = (body as { time: Record<string, unknown> }).time;
	expect(Object.keys(time)).toEqual([
		'start',
		'finish',
		'duration',
		'processing',
		'date_start',
		'date_finish',
		'operating_reset_at',
		'operating',
	]);
	for (const key of ['start', 'finish', 'duration', 'processing', 'operating'])
		expect(typeof time[key]).toBe('number');
	expect(time.finish as number).toBeGreaterThanOrEqual(time.start as number);
	expect(time.date_start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
	expect(time.date_finish).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
}

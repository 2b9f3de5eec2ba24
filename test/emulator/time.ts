/** Wall-clock seconds with sub-millisecond precision, like PHP's microtime(true). */
export function nowSeconds(): number {
	return (performance.timeOrigin + performance.now()) / 1000;
}

/** Bitrix24 date-time: `2024-10-15T17:13:08+00:00` (seconds, explicit offset, no milliseconds). */
export function formatBitrixDate(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

export interface TimeInfo {
	start: number;
	finish: number;
	duration: number;
	processing: number;
	date_start: string;
	date_finish: string;
}

/** The `time` object of a REST answer, measured from when the request arrived. */
export function timeInfo(startedAt: number, processingStartedAt: number): TimeInfo {
	const finish = nowSeconds();
	return {
		start: startedAt,
		finish,
		duration: finish - startedAt,
		processing: finish - processingStartedAt,
		date_start: formatBitrixDate(new Date(startedAt * 1000)),
		date_finish: formatBitrixDate(new Date(finish * 1000)),
	};
}

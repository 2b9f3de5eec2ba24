/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a benchmark, never shipped */
/**
 * Samples the process's resident memory every `intervalMs` from now on; `stop()` ends the
 * sampling and returns the highest figure seen, in bytes (the first sample is taken at once).
 */
export function samplePeakRss(intervalMs: number): () => number {
	let peak = process.memoryUsage().rss;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), intervalMs);
	return () => {
		clearInterval(sampler);
		return peak;
	};
}

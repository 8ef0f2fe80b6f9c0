/**
 * A filled, mirrored waveform as one SVG path in a `width × height` box: peaks are 0–1
 * amplitudes in time order. A silent stretch keeps a hairline so the timeline still reads.
 */
export function waveformPath(peaks: readonly number[], width: number, height: number): string {
	if (!peaks.length) return `M0 ${height / 2}H${width}`;
	const mid = height / 2;
	const step = width / peaks.length;
	const amp = (p: number) => Math.max(0.5, Math.min(1, Math.max(0, Number.isFinite(p) ? p : 0)) * mid);
	const r = (v: number) => Math.round(v * 10) / 10;
	const top = peaks.map((p, i) => `${i ? 'L' : 'M'}${r(i * step)} ${r(mid - amp(p))}L${r((i + 1) * step)} ${r(mid - amp(p))}`);
	const bottom = peaks.map((p, i) => i).reverse().map((i) => `L${r((i + 1) * step)} ${r(mid + amp(peaks[i]!))}L${r(i * step)} ${r(mid + amp(peaks[i]!))}`);
	return `${top.join('')}${bottom.join('')}Z`;
}

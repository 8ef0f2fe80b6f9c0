/** The audio's waveform as the review room's page: peaks (0–1) as mirrored bars. */
export function drawWaveform(peaks: number[], width: number, height: number) {
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	const ctx = canvas.getContext('2d')!;
	ctx.fillStyle = '#ffffff';
	ctx.fillRect(0, 0, width, height);
	ctx.fillStyle = '#cbd5e1';
	ctx.fillRect(0, height / 2 - 0.5, width, 1);
	const n = Math.max(1, peaks.length);
	const bar = width / n;
	ctx.fillStyle = '#475569';
	peaks.forEach((p, i) => {
		const h = Math.max(2, p * (height - 40));
		ctx.fillRect(i * bar + bar * 0.15, (height - h) / 2, Math.max(1, bar * 0.7), h);
	});
	return canvas;
}

/** HH:MM:SS:FF at the given frame rate (MM:SS:FF under an hour), as editors read timecode. */
export function timecode(seconds: number, fps: number) {
	const frames = frameOf(seconds, fps);
	const f = frames % Math.round(fps);
	const total = Math.floor(frames / Math.round(fps));
	const s = total % 60;
	const m = Math.floor(total / 60) % 60;
	const h = Math.floor(total / 3600);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${h ? `${two(h)}:` : ''}${two(m)}:${two(s)}:${two(f)}`;
}

/** m:ss for audio, where frames mean nothing. */
export function clock(seconds: number) {
	const s = Math.max(0, Math.floor(seconds));
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The frame a time falls in; a mark belongs to exactly one frame. */
export const frameOf = (seconds: number, fps: number) => Math.floor(seconds * fps + 1e-6);
/** Seeking to a frame's middle shows that frame in every browser, never its neighbour. */
export const seekTimeOf = (frame: number, fps: number) => (frame + 0.5) / fps;

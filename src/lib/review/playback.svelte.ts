import { frameOf, seekTimeOf } from './timecode.ts';

/**
 * The playhead of a video or audio proof. Video frames are reported as they are painted
 * (requestVideoFrameCallback), so the canvas redraws in step with the picture; seeking goes
 * to a frame's middle, so the frame shown is the frame a mark belongs to.
 */
export class Playback {
	time = $state<number | null>(null);
	playing = $state(false);
	duration = $state(0);
	readonly fps: number;
	el: HTMLVideoElement | HTMLAudioElement | undefined = $state();
	#frameHandle = 0;
	readonly #onFrame: () => void;

	constructor(fps: number, onFrame: () => void) {
		this.fps = fps;
		this.#onFrame = onFrame;
	}

	onPlay = () => {
		this.playing = true;
		const v = this.el;
		if (!(v instanceof HTMLVideoElement) || !('requestVideoFrameCallback' in v)) return;
		const tick = () => {
			this.time = v.currentTime;
			this.#onFrame();
			if (!v.paused) this.#frameHandle = v.requestVideoFrameCallback(tick);
		};
		this.#frameHandle = v.requestVideoFrameCallback(tick);
	};

	onPause = () => {
		this.playing = false;
		if (this.el instanceof HTMLVideoElement) this.el.cancelVideoFrameCallback?.(this.#frameHandle);
		if (this.el) this.time = this.el.currentTime;
		this.#onFrame();
	};

	/** Audio has no frames to wait for: the playhead follows timeupdate. */
	onTimeUpdate = () => {
		if (this.el && (this.playing || this.el instanceof HTMLAudioElement)) this.time = this.el.currentTime;
	};

	onSeeked = () => {
		if (this.el) this.time = this.el.currentTime;
		this.#onFrame();
	};

	seek = (t: number) => {
		if (!this.el) return;
		this.el.pause();
		this.el.currentTime = Math.max(0, Math.min(this.duration || t, t));
		this.time = this.el.currentTime;
	};

	step = (frames: number) => {
		if (this.time === null) return;
		this.seek(seekTimeOf(Math.max(0, frameOf(this.time, this.fps) + frames), this.fps));
	};

	toggle = () => {
		if (!this.el) return;
		if (this.el.paused) void this.el.play();
		else this.el.pause();
	};

	/** The frame a new mark belongs to, as a time: the start of the frame on screen. */
	get frameTime() {
		return frameOf(this.time ?? 0, this.fps) / this.fps;
	}

	/** Whether a mark made at `t` belongs on screen now: paused, on its frame. */
	showsFrameOf(t: number | null) {
		return !this.playing && t !== null && this.time !== null && frameOf(t, this.fps) === frameOf(this.time, this.fps);
	}
}

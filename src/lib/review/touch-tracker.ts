type Point = { x: number; y: number };

/** How long after a pen was last seen touches stay inert: the palm rests while the pen lifts. */
const PALM_MS = 800;

/**
 * The pointers down on the stage. While a pen is in use, touches are ignored (palm
 * rejection); the first finger of a new touch clears fingers whose release was missed.
 */
export class TouchTracker {
	readonly #down = new Map<number, Point & { type: string }>();
	#penUntil = 0;

	/** Records a pointer going down; false when it must be ignored. */
	down(e: PointerEvent, at: Point) {
		if (e.pointerType === 'pen') this.#penUntil = performance.now() + PALM_MS;
		if (e.pointerType === 'touch' && performance.now() < this.#penUntil) return false;
		if (e.pointerType === 'touch' && e.isPrimary) {
			for (const [id, q] of this.#down) if (q.type === 'touch') this.#down.delete(id);
		}
		this.#down.set(e.pointerId, { ...at, type: e.pointerType });
		return true;
	}

	/** Updates a pointer that is down; false for one that is merely hovering. */
	move(e: PointerEvent, at: Point) {
		if (!this.#down.has(e.pointerId)) return false;
		this.#down.set(e.pointerId, { ...at, type: e.pointerType });
		return true;
	}

	/** False when the pointer was not down (already released, or ignored). */
	up(e: PointerEvent) {
		return this.#down.delete(e.pointerId);
	}

	tracks(pointerId: number) {
		return this.#down.has(pointerId);
	}

	touches(): Point[] {
		return [...this.#down.values()].filter((q) => q.type === 'touch');
	}
}

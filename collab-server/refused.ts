/** Closes the offending connection; the change is never applied, logged or broadcast. */
export class RefusedChange extends Error {
	readonly code = 4403;
	readonly reason: string;
	constructor(reason: string) {
		super(reason);
		this.reason = `Change refused: ${reason}`.slice(0, 120);
	}
}

import * as decoding from 'lib0/decoding';

/**
 * The Hocuspocus message type of a frame (after its document name), or null when the frame
 * is too short to have one. Runs for every frame in and out, so the name is skipped, not
 * decoded: only its length is read.
 */
export function messageType(bytes: Uint8Array): number | null {
	try {
		const d = decoding.createDecoder(bytes);
		const nameLength = decoding.readVarUint(d);
		if (d.pos + nameLength >= bytes.length) return null;
		d.pos += nameLength;
		return decoding.readVarUint(d);
	} catch {
		return null;
	}
}

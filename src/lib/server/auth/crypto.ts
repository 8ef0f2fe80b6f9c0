import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { hash, verify } from '@node-rs/argon2';

/** 160 random bits, base32: the shape the Lucia guide recommends for session tokens. */
export function randomToken(bytes = 20): string {
	const buf = new Uint8Array(bytes);
	crypto.getRandomValues(buf);
	return encodeBase32LowerCaseNoPadding(buf);
}

export const sha256Hex = (value: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(value)));

// OWASP's argon2id floor: 19 MiB, two passes, one lane.
const argon = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, argon);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
	try {
		return await verify(stored, password);
	} catch {
		return false;
	}
}

/** A hash to verify against when the account does not exist, so timing tells nothing. */
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= hashPassword(randomToken()));

/** Constant-time string comparison for equal-length secrets. */
export function safeEqual(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
	return diff === 0;
}

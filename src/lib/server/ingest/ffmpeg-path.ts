import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * The ffmpeg to use: LOUPE_FFMPEG if set, else the system's (security updates come with the
 * distribution), else the static build that ships inside an npm package, so a fresh
 * machine with only Node still gets video posters and waveforms.
 */
export function resolveFfmpeg(configured: string | undefined): string {
	if (configured) return configured;
	try {
		execFileSync('ffmpeg', ['-version'], { stdio: 'ignore', timeout: 5000 });
		return 'ffmpeg';
	} catch {
		try {
			return (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
		} catch {
			return 'ffmpeg';
		}
	}
}

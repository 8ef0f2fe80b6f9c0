import { File, FileText, Film, Image, Music } from '@lucide/svelte';
import type { AssetKind } from './library-types.ts';

export const kindIcon = { image: Image, pdf: FileText, video: Film, audio: Music, other: File } satisfies Record<AssetKind, unknown>;

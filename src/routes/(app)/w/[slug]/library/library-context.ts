import { createContext } from 'svelte';
import type { UploadQueue } from './upload-queue.svelte.ts';
import type { VersionWatch } from './version-watch.svelte.ts';

/** Per library layout instance (never module state): the uploads and the versions being processed. */
export type LibraryContext = { uploads: UploadQueue; versions: VersionWatch };

export const [getLibrary, setLibrary] = createContext<LibraryContext>();

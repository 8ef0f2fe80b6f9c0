import { DomainError, notFound } from '#lib/shared/errors.ts';
import { parse } from '#lib/shared/validate.ts';
import { collectionCreateInput, collectionUpdateInput, fieldCreateInput, fieldUpdateInput } from '#lib/shared/asset-schemas.ts';
import type { Access } from '../access/access.ts';
import type { Actor } from '../auth/actor.ts';
import type { Repositories } from '../db/repositories.ts';

const keyFrom = (label: string) =>
	(label.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').replace(/^(\d)/, 'f_$1') || 'field').slice(0, 40);

/** Nested collections and per-workspace custom fields. */
export function createTaxonomyService(deps: { repos: Repositories; access: Access }) {
	const { repos, access } = deps;

	async function ownCollection(actor: Actor, id: string, action: 'asset.read' | 'collection.write') {
		const c = await repos.taxonomy.collectionById(id);
		if (!c) throw notFound('Collection');
		await access.require(actor, action, c.workspaceId);
		return c;
	}

	async function ownField(actor: Actor, id: string) {
		const f = await repos.taxonomy.fieldById(id);
		if (!f) throw notFound('Field');
		await access.require(actor, 'field.manage', f.workspaceId);
		return f;
	}

	async function checkParent(workspaceId: string, parentId: string | null, movingId?: string) {
		if (!parentId) return;
		const parent = await repos.taxonomy.collectionById(parentId);
		if (!parent || parent.workspaceId !== workspaceId) throw new DomainError('invalid', 'The parent collection is not in this workspace.', { fields: { parentId: 'Not found.' } });
		if (movingId && (await repos.taxonomy.ancestors(parentId)).includes(movingId)) {
			throw new DomainError('invalid', 'A collection cannot be moved inside itself.', { fields: { parentId: 'Would make a loop.' } });
		}
	}

	return {
		async collections(actor: Actor, workspaceId: string) {
			await access.require(actor, 'asset.read', workspaceId);
			return repos.taxonomy.collections(workspaceId);
		},
		async createCollection(actor: Actor, workspaceId: string, input: unknown) {
			await access.require(actor, 'collection.write', workspaceId);
			const data = parse(collectionCreateInput, input);
			await checkParent(workspaceId, data.parentId);
			return repos.taxonomy.insertCollection({ workspaceId, name: data.name, parentId: data.parentId });
		},
		async updateCollection(actor: Actor, id: string, input: unknown) {
			const c = await ownCollection(actor, id, 'collection.write');
			const data = parse(collectionUpdateInput, input);
			if (data.parentId !== undefined) await checkParent(c.workspaceId, data.parentId, c.id);
			await repos.taxonomy.updateCollection(c.id, data);
			return { ...c, ...data };
		},
		/** Sub-collections go with it; its assets stay in the library, unfiled. */
		async deleteCollection(actor: Actor, id: string) {
			const c = await ownCollection(actor, id, 'collection.write');
			await repos.taxonomy.deleteCollection(c.id);
		},
		/** Checks that a collection id belongs to the workspace before an asset is filed in it. */
		async assertCollectionIn(workspaceId: string, id: string | null | undefined) {
			if (!id) return;
			const c = await repos.taxonomy.collectionById(id);
			if (!c || c.workspaceId !== workspaceId) throw new DomainError('invalid', 'That collection is not in this workspace.', { fields: { collectionId: 'Not found.' } });
		},

		async fields(actor: Actor, workspaceId: string) {
			await access.require(actor, 'asset.read', workspaceId);
			return repos.taxonomy.fields(workspaceId);
		},
		async createField(actor: Actor, workspaceId: string, input: unknown) {
			await access.require(actor, 'field.manage', workspaceId);
			const data = parse(fieldCreateInput, input);
			if ((data.type === 'select' || data.type === 'multiselect') && data.options.length === 0) {
				throw new DomainError('invalid', 'A select field needs at least one option.', { fields: { options: 'Add options.' } });
			}
			const field = await repos.taxonomy.insertField({
				workspaceId,
				key: data.key ?? keyFrom(data.label),
				label: data.label,
				type: data.type,
				options: [...new Set(data.options)],
				required: data.required,
				position: await repos.taxonomy.fieldCount(workspaceId)
			});
			if (!field) throw new DomainError('conflict', 'A field with that key already exists.', { fields: { key: 'Taken.' } });
			return field;
		},
		async updateField(actor: Actor, id: string, input: unknown) {
			const f = await ownField(actor, id);
			const data = parse(fieldUpdateInput, input);
			return (await repos.taxonomy.updateField(f.id, data))!;
		},
		async deleteField(actor: Actor, id: string) {
			const f = await ownField(actor, id);
			await repos.taxonomy.deleteField(f.id);
			await repos.taxonomy.dropFieldValues(f.workspaceId, f.key);
		}
	};
}

export type TaxonomyService = ReturnType<typeof createTaxonomyService>;

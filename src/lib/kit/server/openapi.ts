import { z } from 'zod';
import * as s from '#lib/shared/schemas.ts';
import * as a from '#lib/shared/asset-schemas.ts';
import * as r from '#lib/shared/review-schemas.ts';
import * as p from '#lib/shared/proofs.ts';
import * as b from '#lib/shared/briefs.ts';
import * as g from '#lib/shared/brand.ts';

type Op = {
	method: 'get' | 'post' | 'patch' | 'delete';
	path: string;
	summary: string;
	tag: string;
	body?: z.ZodType;
	ok?: { status: number; schema?: z.ZodType; description?: string };
	errors?: number[];
	public?: boolean;
	/** A non-JSON request body (multipart uploads). */
	rawBody?: Record<string, unknown>;
	query?: { name: string; schema: Record<string, unknown>; description?: string }[];
	/** A file response instead of JSON. */
	binary?: boolean;
};

const imageBody = {
	'multipart/form-data': {
		schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'The image; its type is detected from its bytes.' } } }
	}
};

const uploadBody = {
	'multipart/form-data': {
		schema: {
			type: 'object',
			required: ['file'],
			properties: {
				file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'The file; its type is detected from its bytes.' },
				title: { type: 'string', maxLength: 200 },
				description: { type: 'string', maxLength: 10000 },
				tags: { type: 'string', description: 'Comma-separated tags' },
				collectionId: { type: 'string', format: 'uuid' },
				allowDuplicate: { type: 'string', enum: ['true', 'false'], description: 'Store even if the same bytes are already in the workspace' }
			}
		}
	}
};
const workspaceQuery = { name: 'workspaceId', schema: { type: 'string', format: 'uuid' }, description: 'Required when the caller belongs to several workspaces' };
const str = { type: 'string' };

const list = (item: z.ZodType) => z.object({ items: z.array(item) });

// Filters on custom fields are passed as field.<key>=value.

/** Every REST operation, with the same schemas the services validate bodies against. */
export const operations: Op[] = [
	{ method: 'get', path: '/me', summary: 'The signed-in user and their workspaces', tag: 'Account', ok: { status: 200, schema: s.meOut } },
	{ method: 'get', path: '/workspaces', summary: 'Workspaces the user belongs to', tag: 'Workspaces', ok: { status: 200, schema: list(s.workspaceOut) } },
	{ method: 'post', path: '/workspaces', summary: 'Create a workspace (the caller becomes admin)', tag: 'Workspaces', body: s.workspaceCreateInput, ok: { status: 201, schema: s.workspaceOut }, errors: [400, 409] },
	{ method: 'get', path: '/workspaces/{id}', summary: 'One workspace', tag: 'Workspaces', ok: { status: 200, schema: s.workspaceOut }, errors: [404] },
	{ method: 'patch', path: '/workspaces/{id}', summary: 'Rename a workspace (admin)', tag: 'Workspaces', body: s.workspaceUpdateInput, ok: { status: 200, schema: s.workspaceOut }, errors: [400, 403, 404] },
	{ method: 'get', path: '/workspaces/{id}/members', summary: 'Members and their roles', tag: 'Members', ok: { status: 200, schema: list(s.memberOut) }, errors: [404] },
	{ method: 'post', path: '/workspaces/{id}/members', summary: 'Add an existing account as a member (manager or admin)', tag: 'Members', body: s.memberAddInput, ok: { status: 201, schema: s.memberOut }, errors: [400, 403, 404, 409] },
	{ method: 'patch', path: '/workspaces/{id}/members/{userId}', summary: "Change a member's role (admin)", tag: 'Members', body: s.memberUpdateInput, ok: { status: 200, schema: z.object({ userId: s.uuid, role: s.role }) }, errors: [400, 403, 404, 409] },
	{ method: 'delete', path: '/workspaces/{id}/members/{userId}', summary: 'Remove a member (admin), or leave', tag: 'Members', ok: { status: 204 }, errors: [403, 404, 409] },
	{ method: 'get', path: '/workspaces/{id}/invitations', summary: 'Invitation links (manager or admin)', tag: 'Invitations', ok: { status: 200, schema: list(s.invitationOut) }, errors: [403, 404] },
	{ method: 'post', path: '/workspaces/{id}/invitations', summary: 'Create an invitation link; the token is returned once', tag: 'Invitations', body: s.invitationCreateInput, ok: { status: 201, schema: s.invitationCreatedOut }, errors: [400, 403, 404] },
	{ method: 'delete', path: '/workspaces/{id}/invitations/{invitationId}', summary: 'Revoke an invitation link', tag: 'Invitations', ok: { status: 204 }, errors: [403, 404] },
	{ method: 'post', path: '/invitations/{token}/accept', summary: 'Join a workspace with an invitation token', tag: 'Invitations', ok: { status: 200, schema: s.workspaceOut }, errors: [403, 404, 409] },
	{ method: 'get', path: '/tokens', summary: "The caller's active API tokens", tag: 'API tokens', ok: { status: 200, schema: list(s.tokenOut) } },
	{ method: 'post', path: '/tokens', summary: 'Create an API token; the token is returned once', tag: 'API tokens', body: s.tokenCreateInput, ok: { status: 201, schema: s.tokenCreatedOut }, errors: [400, 403] },
	{ method: 'delete', path: '/tokens/{id}', summary: 'Revoke an API token', tag: 'API tokens', ok: { status: 204 }, errors: [404] },
	{ method: 'post', path: '/collab/ticket', summary: 'A one-minute ticket for connecting to /collab', tag: 'Collaboration', ok: { status: 200, schema: s.ticketOut } },
	{ method: 'get', path: '/assets', summary: 'Search and list assets, newest first, keyset-paginated', tag: 'Assets', ok: { status: 200, schema: a.assetListOut }, errors: [400, 404],
		query: [workspaceQuery, { name: 'q', schema: str }, { name: 'type', schema: { enum: ['image', 'pdf', 'video', 'audio', 'other'] } }, { name: 'tag', schema: str }, { name: 'status', schema: { enum: ['draft', 'in_review', 'approved', 'archived'] } }, { name: 'collection', schema: { type: 'string', format: 'uuid' } }, { name: 'cursor', schema: str }, { name: 'limit', schema: { type: 'integer', minimum: 1, maximum: 200 } }, { name: 'trashed', schema: { enum: ['true', 'false'] } }, { name: 'uploader', schema: { type: 'string', format: 'uuid' } }, { name: 'from', schema: { type: 'string', format: 'date-time' } }, { name: 'to', schema: { type: 'string', format: 'date-time' } }] },
	{ method: 'post', path: '/assets', summary: 'Upload a file as a new asset (multipart, streamed)', tag: 'Assets', rawBody: uploadBody, query: [workspaceQuery], ok: { status: 201, schema: a.assetUploadedOut }, errors: [400, 403, 404, 409, 413, 415] },
	{ method: 'get', path: '/assets/{id}', summary: 'An asset with all its versions', tag: 'Assets', ok: { status: 200, schema: a.assetDetailOut }, errors: [404] },
	{ method: 'patch', path: '/assets/{id}', summary: 'Edit title, description, status, tags, collection, custom fields or rights expiry (expiresAt)', tag: 'Assets', body: a.assetUpdateInput, ok: { status: 200, schema: a.assetDetailOut }, errors: [400, 403, 404] },
	{ method: 'delete', path: '/assets/{id}', summary: 'Move an asset to the trash (restorable for 30 days)', tag: 'Assets', ok: { status: 204 }, errors: [403, 404] },
	{ method: 'post', path: '/assets/{id}/restore', summary: 'Restore an asset from the trash', tag: 'Assets', ok: { status: 204 }, errors: [403, 404] },
	{ method: 'post', path: '/assets/{id}/versions', summary: 'Upload a new version; earlier versions are kept', tag: 'Assets', rawBody: uploadBody, ok: { status: 201, schema: a.assetUploadedOut }, errors: [400, 403, 404, 409, 413, 415] },
	{ method: 'get', path: '/versions/{id}', summary: 'A version: processing status, metadata, renditions', tag: 'Versions', ok: { status: 200, schema: a.versionOut }, errors: [404] },
	{ method: 'get', path: '/versions/{id}/file', summary: 'The original file, as an attachment; supports Range', tag: 'Versions', ok: { status: 200, description: 'The original bytes' }, binary: true, errors: [404, 416] },
	{ method: 'get', path: '/versions/{id}/renditions/{name}', summary: 'A display rendition (thumb, preview, thumb-jpeg, preview-jpeg)', tag: 'Versions', ok: { status: 200, description: 'Image bytes' }, binary: true, errors: [404, 416] },
	{ method: 'post', path: '/versions/{id}/retry', summary: 'Process a failed version again', tag: 'Versions', ok: { status: 200, schema: a.versionOut }, errors: [403, 404, 409] },
	{ method: 'get', path: '/versions/{id}/pages/{n}', summary: 'A PDF page as an image (rendered on first request for long documents)', tag: 'Versions', ok: { status: 200, description: 'WebP image of the page' }, binary: true, errors: [404, 409] },
	{ method: 'get', path: '/versions/{id}/annotations', summary: "The review room's current marks and threads (with comments); coordinates are page-relative, 0–1", tag: 'Review', ok: { status: 200, schema: r.annotationsOut }, errors: [404] },
	{ method: 'post', path: '/versions/{id}/attachments', summary: 'Attach a reference image for a review comment (JPEG, PNG, WebP, GIF, AVIF or TIFF, at most 8 MB; stored re-encoded as WebP). Put its id in the comment’s attachmentId', tag: 'Review', rawBody: imageBody, ok: { status: 201, schema: r.attachmentOut }, errors: [400, 403, 404, 413, 415] },
	{ method: 'get', path: '/versions/{id}/compare/{otherId}', summary: 'What changed from an earlier version ({otherId}) to this one: boxes around changed regions at preview size (images; PDF pages with ?page=n), page-relative 0–1, and for PDFs the words added and removed. Computed once, then kept', tag: 'Versions', query: [{ name: 'page', schema: { type: 'integer', minimum: 1 } }], ok: { status: 200, schema: z.object({ before: z.uuid(), after: z.uuid(), page: z.int().nullable(), regions: z.array(z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() })), changed: z.number(), words: z.object({ ops: z.array(z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() })), added: z.int(), removed: z.int() }).nullable(), ms: z.int() }) }, errors: [400, 404, 409] },
	{ method: 'get', path: '/attachments/{id}', summary: 'A reference image attached to a review comment', tag: 'Review', ok: { status: 200, description: 'WebP image' }, binary: true, errors: [404, 416] },
	{ method: 'get', path: '/notifications', summary: 'Your in-app notifications, newest first, with the unread count', tag: 'Notifications', query: [{ name: 'unread', schema: { enum: ['true', 'false'] } }, { name: 'limit', schema: { type: 'integer', minimum: 1, maximum: 200 } }], ok: { status: 200, schema: r.notificationsOut }, errors: [400] },
	{ method: 'post', path: '/notifications/read', summary: 'Mark notifications read: {"ids": [...]} or {"all": true}', tag: 'Notifications', body: r.markReadInput, ok: { status: 200, schema: z.object({ marked: z.int() }) }, errors: [400] },
	{ method: 'post', path: '/proofs', summary: 'Request review of asset versions through stages of reviewers (members, or guests by email), each with a rule (all, any, quorum, gatekeeper), a due date and a start (after the previous stage, or with it)', tag: 'Proofs', body: p.proofInput, ok: { status: 201, schema: p.proofOut }, errors: [400, 403, 404] },
	{ method: 'get', path: '/proofs', summary: 'Proofs in your workspaces, newest first; assignedTo=me: those where you review an open stage', tag: 'Proofs', query: [{ name: 'status', schema: { enum: ['in_review', 'approved', 'changes_required', 'rejected'] } }, { name: 'assignedTo', schema: { enum: ['me'] } }, { name: 'workspace', schema: { type: 'string' }, description: 'Workspace id or slug' }, { name: 'limit', schema: { type: 'integer', minimum: 1, maximum: 200 } }], ok: { status: 200, schema: z.object({ items: z.array(p.proofOut) }) }, errors: [400, 404] },
	{ method: 'get', path: '/proofs/{id}', summary: 'A proof: versions, stages with reviewers and their current decisions, status, and every decision made', tag: 'Proofs', ok: { status: 200, schema: p.proofOut }, errors: [404] },
	{ method: 'post', path: '/proofs/{id}/decisions', summary: 'Decide on a version in every open stage you review; the same decision sent again changes nothing. 409 once the stage or proof has closed', tag: 'Proofs', body: p.decisionInput, ok: { status: 201, schema: p.decisionResultOut }, errors: [400, 403, 404, 409] },
	{ method: 'get', path: '/proofs/{id}/report.pdf', summary: "The proof's report for later audits, as PDF: versions with thumbnails, marks and threads, every decision, the stage timeline, its audit events and the chain hash of the newest", tag: 'Proofs', ok: { status: 200, description: 'application/pdf' }, binary: true, errors: [404] },
	{ method: 'get', path: '/proofs/{id}/report.html', summary: 'The same report as one printable, self-contained HTML page', tag: 'Proofs', ok: { status: 200, description: 'text/html' }, errors: [404] },
	{ method: 'post', path: '/proofs/{id}/checklist', summary: "Tick or untick an item of an open stage's checklist that you review", tag: 'Proofs', body: p.tickInput, ok: { status: 200, schema: p.proofOut }, errors: [400, 403, 404, 409] },
	{ method: 'get', path: '/briefs', summary: 'Briefs of a workspace, most recently changed first (with q, best match first), with deliverables, milestones, sign-offs and progress', tag: 'Briefs', query: [workspaceQuery, { name: 'status', schema: { enum: [...b.briefStatuses] } }, { name: 'q', schema: { type: 'string', maxLength: 200 }, description: 'Words in the title, text fields or body' }, { name: 'limit', schema: { type: 'integer', minimum: 1, maximum: 500 } }], ok: { status: 200, schema: z.object({ items: z.array(b.briefOut) }) }, errors: [400, 404] },
	{ method: 'post', path: '/briefs', summary: "Create a brief (a draft) from a template (the workspace's first when templateId is left out); field values are checked against the template's types, required ones only on submit", tag: 'Briefs', query: [workspaceQuery], body: b.briefInput, ok: { status: 201, schema: b.briefOut }, errors: [400, 403, 404] },
	{ method: 'get', path: '/briefs/{id}', summary: 'A brief: fields, deliverables with where each stands, milestones, sign-offs, disclaimers', tag: 'Briefs', ok: { status: 200, schema: b.briefOut }, errors: [404] },
	{ method: 'patch', path: '/briefs/{id}', summary: 'Change title, field values (merged; null clears), legal category (attaches its disclaimers), related briefs or milestones (the list replaces the old one)', tag: 'Briefs', body: b.briefUpdate, ok: { status: 200, schema: b.briefOut }, errors: [400, 403, 404, 409] },
	{ method: 'post', path: '/briefs/{id}/status', summary: 'Move a brief along draft → submitted → approved → in production → delivered → closed (or cancelled). A submit needs every required field and a deliverable; approval comes from the brief sign-off', tag: 'Briefs', body: b.statusInput, ok: { status: 200, schema: b.briefOut }, errors: [400, 403, 404, 409] },
	{ method: 'post', path: '/briefs/{id}/signoffs', summary: 'A manager signs off the brief (approving a submitted brief; rejecting sends it back to draft), its budget or its timeline; every sign-off is kept and audited', tag: 'Briefs', body: b.signoffInput, ok: { status: 201, schema: b.briefOut }, errors: [400, 403, 404, 409] },
	{ method: 'get', path: '/briefs/{id}/deliverables', summary: "A brief's deliverables", tag: 'Briefs', ok: { status: 200, schema: z.object({ items: z.array(b.deliverableOut) }) }, errors: [404] },
	{ method: 'post', path: '/briefs/{id}/deliverables', summary: 'Add a deliverable: name, channel, format and size spec, due date, owner', tag: 'Briefs', body: b.deliverableInput, ok: { status: 201, schema: b.briefOut }, errors: [400, 403, 404, 409] },
	{ method: 'patch', path: '/deliverables/{id}', summary: 'Change a deliverable, or set assetId: the library asset whose versions are its drafts', tag: 'Briefs', body: b.deliverableUpdate, ok: { status: 200, schema: b.briefOut }, errors: [400, 403, 404, 409] },
	{ method: 'delete', path: '/deliverables/{id}', summary: 'Remove a deliverable that has not gone to approval', tag: 'Briefs', ok: { status: 200, schema: b.briefOut }, errors: [403, 404, 409] },
	{ method: 'post', path: '/deliverables/{id}/request-approval', summary: "A proof of the deliverable's latest draft, with the stages of the brief's legal category's proof template", tag: 'Briefs', ok: { status: 201, schema: z.object({ proof: p.proofOut, brief: b.briefOut }) }, errors: [400, 403, 404, 409] },
	{ method: 'get', path: '/briefs/{id}/comments', summary: "A brief's comments you may read: the team's, and private notes you wrote or were chosen to read", tag: 'Briefs', ok: { status: 200, schema: z.object({ items: z.array(b.briefCommentOut) }) }, errors: [404] },
	{ method: 'post', path: '/briefs/{id}/comments', summary: 'Comment on a brief, for the team (visibility team) or as a private note for yourself and readerIds (reviewers and above)', tag: 'Briefs', body: b.briefCommentInput, ok: { status: 201, schema: b.briefCommentOut }, errors: [400, 403, 404] },
	{ method: 'delete', path: '/brief-comments/{id}', summary: 'Withdraw a comment you wrote', tag: 'Briefs', ok: { status: 204 }, errors: [403, 404] },
	{ method: 'get', path: '/brief-templates', summary: "The workspace's brief templates (intake forms); a default one is made on first use", tag: 'Briefs', query: [workspaceQuery], ok: { status: 200, schema: z.object({ items: z.array(b.briefTemplateOut) }) }, errors: [400, 404] },
	{ method: 'post', path: '/brief-templates', summary: 'Save a brief template: sections of typed fields (text, rich_text, number, money, date, select, checkbox, file, asset, user), some required (managers and admins)', tag: 'Briefs', query: [workspaceQuery], body: b.briefTemplateInput, ok: { status: 201, schema: b.briefTemplateOut }, errors: [400, 403, 404, 409] },
	{ method: 'get', path: '/brief-templates/{id}', summary: 'A brief template', tag: 'Briefs', ok: { status: 200, schema: b.briefTemplateOut }, errors: [404] },
	{ method: 'patch', path: '/brief-templates/{id}', summary: 'Change a brief template; briefs already made keep the sections they were made with', tag: 'Briefs', body: b.briefTemplateUpdate, ok: { status: 200, schema: b.briefTemplateOut }, errors: [400, 403, 404, 409] },
	{ method: 'get', path: '/legal-categories', summary: "The workspace's legal categories with their disclaimers and proof template", tag: 'Briefs', query: [workspaceQuery], ok: { status: 200, schema: z.object({ items: z.array(b.legalCategoryOut) }) }, errors: [400, 404] },
	{ method: 'post', path: '/legal-categories', summary: 'Add a legal category (admins only)', tag: 'Briefs', query: [workspaceQuery], body: b.legalCategoryInput, ok: { status: 201, schema: b.legalCategoryOut }, errors: [400, 403, 404, 409] },
	{ method: 'patch', path: '/legal-categories/{id}', summary: "Change a legal category's name, disclaimers or proof template (admins only); briefs keep the disclaimers attached when their category was chosen", tag: 'Briefs', body: b.legalCategoryInput.partial(), ok: { status: 200, schema: b.legalCategoryOut }, errors: [400, 403, 404] },
	{ method: 'get', path: '/brand-sections', summary: "The workspace's brand guidelines, in order: text, colour palettes and library assets. Managers also see embedded assets that expired or lost approval, flagged", tag: 'Brand', query: [workspaceQuery], ok: { status: 200, schema: z.object({ items: z.array(g.brandSectionOut) }) }, errors: [400, 404] },
	{ method: 'post', path: '/brand-sections', summary: 'Add a section at the end (managers and admins). The body is HTML reduced to p, h2, h3, strong, em, ul, ol, li, br and http(s)/mailto links; assets must be approved, live and not expired', tag: 'Brand', query: [workspaceQuery], body: g.brandSectionInput, ok: { status: 201, schema: g.brandSectionOut }, errors: [400, 403, 404] },
	{ method: 'patch', path: '/brand-sections/{id}', summary: "Change a section's title, body, colours or assets (managers and admins); newly added assets must be approved, live and not expired", tag: 'Brand', body: g.brandSectionUpdate, ok: { status: 200, schema: g.brandSectionOut }, errors: [400, 403, 404] },
	{ method: 'delete', path: '/brand-sections/{id}', summary: 'Delete a section (managers and admins)', tag: 'Brand', ok: { status: 204 }, errors: [403, 404] },
	{ method: 'post', path: '/brand-sections/order', summary: "Put the workspace's sections in a new order: ids names every section once (managers and admins)", tag: 'Brand', query: [workspaceQuery], body: g.brandOrderInput, ok: { status: 200, schema: z.object({ items: z.array(g.brandSectionOut) }) }, errors: [400, 403, 404, 409] },
	{ method: 'get', path: '/proof-templates', summary: "The workspace's proof templates: named sets of stages that POST /proofs takes as templateId", tag: 'Proofs', query: [workspaceQuery], ok: { status: 200, schema: z.object({ items: z.array(p.templateOut) }) }, errors: [400, 404] },
	{ method: 'post', path: '/proof-templates', summary: 'Save a proof template (managers and admins)', tag: 'Proofs', query: [workspaceQuery], body: p.templateInput, ok: { status: 201, schema: p.templateOut }, errors: [400, 403, 404, 409] },
	{ method: 'delete', path: '/proof-templates/{id}', summary: 'Delete a proof template (managers and admins); proofs made from it keep their stages', tag: 'Proofs', ok: { status: 204 }, errors: [403, 404] },
	{ method: 'post', path: '/guest/checklist', summary: "A guest reviewer ticks or unticks an item of their stage's checklist", tag: 'Guests', body: p.tickInput, ok: { status: 200, schema: z.object({ proof: z.record(z.string(), z.unknown()) }) }, errors: [400, 401, 403, 409] },
	{ method: 'delete', path: '/proofs/{id}/guests/{reviewerId}', summary: "Withdraw a guest reviewer's link at once (the proof's creator, managers); their open review rooms close", tag: 'Proofs', ok: { status: 204 }, errors: [403, 404] },
	{ method: 'get', path: '/guest/proof', summary: "A guest reviewer's view through their link (Authorization: Bearer <link token>): the proof's versions and their own stage, nothing else", tag: 'Guests', ok: { status: 200, schema: z.object({ reviewer: z.object({ id: z.uuid(), name: z.string(), email: z.string() }), proof: z.record(z.string(), z.unknown()) }) }, errors: [401] },
	{ method: 'post', path: '/guest/name', summary: 'A guest reviewer gives the name others see', tag: 'Guests', body: z.object({ name: z.string().min(1).max(80) }), ok: { status: 200, schema: z.object({ name: z.string() }) }, errors: [400, 401] },
	{ method: 'post', path: '/guest/decisions', summary: "A guest reviewer's decision, on their own stage only", tag: 'Guests', body: p.decisionInput, ok: { status: 201, schema: z.object({ decisions: z.array(p.decisionOut), proof: z.record(z.string(), z.unknown()) }) }, errors: [400, 401, 403, 409] },
	{ method: 'get', path: '/me/notification-settings', summary: 'How you get notifications by email: immediate, digest (hourly) or off', tag: 'Notifications', ok: { status: 200, schema: z.object({ email: z.enum(['immediate', 'digest', 'off']) }) } },
	{ method: 'patch', path: '/me/notification-settings', summary: 'Choose how you get notifications by email', tag: 'Notifications', body: z.object({ email: z.enum(['immediate', 'digest', 'off']) }), ok: { status: 200, schema: z.object({ email: z.enum(['immediate', 'digest', 'off']) }) }, errors: [400] },
	{ method: 'get', path: '/audit', summary: "The audit trail, newest first: a proof's events (proofId), a brief's (briefId), or a workspace's (managers and admins). Each event carries its SHA-256 chain hash", tag: 'Audit', query: [{ name: 'proofId', schema: { type: 'string', format: 'uuid' } }, { name: 'briefId', schema: { type: 'string', format: 'uuid' } }, { name: 'workspace', schema: { type: 'string' }, description: 'Workspace id or slug' }, { name: 'type', schema: { type: 'string' }, description: 'Comma-separated event types' }, { name: 'actorId', schema: { type: 'string', format: 'uuid' } }, { name: 'cursor', schema: { type: 'string' }, description: 'nextCursor of the previous page' }, { name: 'limit', schema: { type: 'integer', minimum: 1, maximum: 500 } }], ok: { status: 200, schema: p.auditListOut }, errors: [400, 403, 404] },
	{ method: 'get', path: '/collections', summary: 'Collections (nested folders) of a workspace, with asset counts', tag: 'Collections', query: [workspaceQuery], ok: { status: 200, schema: list(a.collectionOut) }, errors: [400, 404] },
	{ method: 'post', path: '/collections', summary: 'Create a collection, optionally inside another', tag: 'Collections', query: [workspaceQuery], body: a.collectionCreateInput, ok: { status: 201, schema: a.collectionOut }, errors: [400, 403, 404] },
	{ method: 'patch', path: '/collections/{id}', summary: 'Rename or move a collection', tag: 'Collections', body: a.collectionUpdateInput, ok: { status: 200, schema: a.collectionOut }, errors: [400, 403, 404] },
	{ method: 'delete', path: '/collections/{id}', summary: 'Delete a collection and its sub-collections; their assets stay, unfiled', tag: 'Collections', ok: { status: 204 }, errors: [403, 404] },
	{ method: 'get', path: '/fields', summary: "The workspace's custom metadata fields", tag: 'Custom fields', query: [workspaceQuery], ok: { status: 200, schema: list(a.fieldOut) }, errors: [400, 404] },
	{ method: 'post', path: '/fields', summary: 'Add a custom field (admin)', tag: 'Custom fields', query: [workspaceQuery], body: a.fieldCreateInput, ok: { status: 201, schema: a.fieldOut }, errors: [400, 403, 404, 409] },
	{ method: 'patch', path: '/fields/{id}', summary: 'Change a custom field (admin)', tag: 'Custom fields', body: a.fieldUpdateInput, ok: { status: 200, schema: a.fieldOut }, errors: [400, 403, 404] },
	{ method: 'delete', path: '/fields/{id}', summary: 'Remove a custom field and its values (admin)', tag: 'Custom fields', ok: { status: 204 }, errors: [403, 404] },
	{ method: 'post', path: '/uploads', summary: 'Start a resumable upload (tus 1.0; Upload-Metadata: filename, workspaceId or assetId, title, description, tags, collectionId)', tag: 'Assets', ok: { status: 201, description: 'Created; Location names the upload' }, errors: [400, 404, 413] },
	{ method: 'patch', path: '/uploads/{id}', summary: 'Append bytes at Upload-Offset (tus); the last chunk answers with {asset, version}', tag: 'Assets', ok: { status: 204, description: 'Chunk stored; 200 with {asset, version} when complete' }, errors: [404, 409, 413, 415] },
	{ method: 'delete', path: '/uploads/{id}', summary: 'Cancel a resumable upload', tag: 'Assets', ok: { status: 204 }, errors: [404] },
	{ method: 'get', path: '/openapi.json', summary: 'This document', tag: 'Meta', ok: { status: 200, description: 'OpenAPI 3.1 document' }, public: true }
];

const reason: Record<number, string> = {
	400: 'Invalid input',
	401: 'Not signed in, or the token is not valid',
	403: 'Not allowed',
	404: 'Not found',
	409: 'Conflict with the current state',
	413: 'Body too large',
	416: 'Range not satisfiable',
	415: 'Body is not JSON',
	429: 'Too many requests'
};

const json = (schema: z.ZodType) => ({ 'application/json': { schema: z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) } });
const out = (schema: z.ZodType) => ({ 'application/json': { schema: z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any' }) } });

export function openApiDocument(): object {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const op of operations) {
		const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
			name: m[1],
			in: 'path',
			required: true,
			schema: m[1] === 'n' ? { type: 'integer', minimum: 1 } : m[1] === 'token' || m[1] === 'name' || (m[1] === 'id' && op.path.startsWith('/uploads')) ? { type: 'string' } : { type: 'string', format: 'uuid' }
		}));
		const query = (op.query ?? []).map((q) => ({ name: q.name, in: 'query', required: false, schema: q.schema, ...(q.description ? { description: q.description } : {}) }));
		const responses: Record<string, unknown> = {
			[op.ok?.status ?? 200]: {
				description: op.ok?.description ?? 'OK',
				...(op.ok?.schema ? { content: out(op.ok.schema) } : {}),
				...(op.binary ? { content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } } : {})
			}
		};
		for (const code of new Set([...(op.public ? [] : [401]), ...(op.body ? [413, 415] : []), ...(op.errors ?? [])])) {
			responses[code] = { $ref: `#/components/responses/E${code}` };
		}
		(paths[op.path] ??= {})[op.method] = {
			summary: op.summary,
			tags: [op.tag],
			operationId: `${op.method}${op.path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
			...(params.length || query.length ? { parameters: [...params, ...query] } : {}),
			...(op.body ? { requestBody: { required: true, content: json(op.body) } } : {}),
			...(op.rawBody ? { requestBody: { required: true, content: op.rawBody } } : {}),
			...(op.public ? { security: [] } : {}),
			responses
		};
	}
	const responses: Record<string, unknown> = {};
	for (const [code, description] of Object.entries(reason)) responses[`E${code}`] = { description, content: out(s.errorOut) };
	return {
		openapi: '3.1.0',
		info: { title: 'Loupe API', version: '1.0.0', description: 'Errors are always `{"error":{"code","message"}}` with the fitting HTTP status.' },
		servers: [{ url: '/api/v1' }],
		security: [{ bearer: [] }, { session: [] }],
		tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
		paths,
		components: {
			securitySchemes: {
				bearer: { type: 'http', scheme: 'bearer', description: 'An API token made in Settings → API tokens, or with `loupe token create`.' },
				session: { type: 'apiKey', in: 'cookie', name: 'loupe_session' }
			},
			responses
		}
	};
}

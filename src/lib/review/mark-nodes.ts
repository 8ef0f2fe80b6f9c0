import Konva from 'konva';
import type { Mark } from '#lib/shared/markup.ts';
import type { PageSize } from './geometry.ts';
import { markNode } from './mark-shapes.ts';

type Options = {
	visible: (m: Mark) => boolean;
	label: (m: Mark) => string;
	/** Whether this person may drag the mark now. */
	draggable: (m: Mark) => boolean;
	onDragged: (m: Mark, node: Konva.Node) => void;
};

/**
 * The marks' Konva nodes, one per mark, kept in step with the document: a mark is rebuilt
 * only when its revision changes; page turns and frame steps only toggle visibility.
 */
export class MarkNodes {
	readonly group = new Konva.Group();
	readonly #nodes = new Map<string, Konva.Shape | Konva.Group>();
	readonly #data = new Map<string, Mark>();
	readonly #opts: Options;
	#emphasised: string | null = null;

	constructor(opts: Options) {
		this.#opts = opts;
	}

	mark(id: string) {
		return this.#data.get(id);
	}

	node(id: string) {
		return this.#nodes.get(id);
	}

	/** The mark a node (or a part of a mark's group) belongs to. */
	idOf(target: Konva.Node | null): string | null {
		for (let n = target; n && n !== this.group; n = n.getParent()) if (this.#nodes.has(n.id())) return n.id();
		return null;
	}

	/** Replaces the drawn marks with these. */
	setAll(marks: Mark[], page: PageSize, scale: number) {
		const keep = new Set(marks.map((m) => m.id));
		for (const m of marks) this.upsert(m, page, scale);
		for (const id of [...this.#data.keys()]) if (!keep.has(id)) this.remove(id);
	}

	upsert(m: Mark, page: PageSize, scale: number) {
		const prev = this.#data.get(m.id);
		this.#data.set(m.id, m);
		const node = this.#nodes.get(m.id);
		if (node && prev?.updatedAt === m.updatedAt) node.visible(this.#opts.visible(m));
		else this.#build(m, page, scale);
	}

	remove(id: string) {
		this.#data.delete(id);
		this.#nodes.get(id)?.destroy();
		this.#nodes.delete(id);
	}

	/** Rebuilds every node: the page changed size. */
	rebuild(page: PageSize, scale: number) {
		for (const m of this.#data.values()) this.#build(m, page, scale);
	}

	/** Re-applies visibility (page or time changed), pin numbers and who may drag what. */
	refresh() {
		for (const [id, m] of this.#data) {
			const node = this.#nodes.get(id)!;
			node.visible(this.#opts.visible(m));
			node.draggable(this.#opts.draggable(m));
			if (m.kind === 'pin') (node as Konva.Group).findOne<Konva.Text>('Text')?.text(this.#opts.label(m));
		}
	}

	/** Pins keep their size on screen whatever the zoom. */
	scalePins(scale: number) {
		for (const [id, node] of this.#nodes) if (this.#data.get(id)?.kind === 'pin') node.scale({ x: 1 / scale, y: 1 / scale });
	}

	emphasise(id: string | null) {
		for (const [nid, node] of this.#nodes) if (nid === id || nid === this.#emphasised) glow(node, nid === id);
		this.#emphasised = id;
	}

	#build(m: Mark, page: PageSize, scale: number) {
		this.#nodes.get(m.id)?.destroy();
		const node = markNode(m, page, this.#opts.label(m));
		node.id(m.id);
		node.visible(this.#opts.visible(m));
		node.draggable(this.#opts.draggable(m));
		(node as Konva.Node).on('dragend', () => this.#opts.onDragged(this.#data.get(m.id) ?? m, node));
		if (m.kind === 'pin') node.scale({ x: 1 / scale, y: 1 / scale });
		if (this.#emphasised === m.id) glow(node, true);
		this.group.add(node);
		this.#nodes.set(m.id, node);
	}
}

function glow(node: Konva.Shape | Konva.Group, on: boolean) {
	const target = node instanceof Konva.Group ? node.findOne<Konva.Circle>('Circle') : node;
	target?.setAttrs({ shadowEnabled: on, shadowColor: '#2563eb', shadowBlur: on ? 12 : 0, shadowOpacity: on ? 0.9 : 0 });
}

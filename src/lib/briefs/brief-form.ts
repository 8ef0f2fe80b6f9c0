// The brief's intake form: flat form fields in (`budget.amount`, `referenceAssets` repeated),
// the values the brief service checks out. Shared by the page action and its spec.
import type { TemplateSection } from '#lib/shared/briefs.ts';

export function fieldsFromForm(sections: TemplateSection[], form: FormData): Record<string, unknown> {
	const text = (k: string) => {
		const v = form.get(k);
		return typeof v === 'string' ? v.trim() : '';
	};
	const out: Record<string, unknown> = {};
	for (const f of sections.flatMap((s) => s.fields)) {
		switch (f.type) {
			case 'number': {
				const v = text(f.key);
				// Not-a-number stays text, so the service names the field instead of dropping it.
				out[f.key] = v === '' ? null : Number.isFinite(Number(v)) ? Number(v) : v;
				break;
			}
			case 'money': {
				const amount = text(`${f.key}.amount`);
				out[f.key] = amount === '' ? null : { amount: Number.isFinite(Number(amount)) ? Number(amount) : amount, currency: text(`${f.key}.currency`).toUpperCase() || 'EUR' };
				break;
			}
			case 'checkbox':
				out[f.key] = form.get(f.key) === 'on';
				break;
			case 'file':
			case 'asset':
			case 'brand':
				out[f.key] = form.getAll(f.key).filter((v): v is string => typeof v === 'string' && v !== '');
				break;
			default:
				out[f.key] = text(f.key) || null;
		}
	}
	return out;
}

/** Common currencies first; any three-letter code is accepted. */
export const currencies = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CAD', 'AUD', 'JPY'];

export const formatMoney = (v: unknown) => {
	const m = v as { amount?: number; currency?: string } | null;
	if (!m || typeof m.amount !== 'number') return '';
	try {
		return new Intl.NumberFormat(undefined, { style: 'currency', currency: m.currency ?? 'EUR', maximumFractionDigits: 0 }).format(m.amount);
	} catch {
		return `${m.amount} ${m.currency}`;
	}
};

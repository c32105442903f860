/** The kinds of place a unit can be in. */
export const locationKinds = ['shelf', 'bench', 'qa', 'outbound', 'supplier_cage'] as const;
export type LocationKind = (typeof locationKinds)[number];

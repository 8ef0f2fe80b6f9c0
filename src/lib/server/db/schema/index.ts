export * from './users.ts';
export * from './workspaces.ts';
export * from './tokens.ts';
export * from './instance.ts';
export * from './assets.ts';
export * from './review.ts';
export * from './audit.ts';
export * from './proofs.ts';

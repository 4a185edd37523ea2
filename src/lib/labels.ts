/**
 * Every area's words for the app's codes, in the reader's language, in one place for the server
 * and tests. Pages import `$lib/code-labels` and their own area's module instead, so their first
 * load does not carry the other areas' messages.
 */
export * from '$lib/code-labels';
export { roleLabel } from '$lib/role-labels';
export * from '$lib/people-labels';
export * from '$lib/components/responses/labels';
export * from '$lib/components/admin/labels';
export * from '$lib/components/admin/audit-labels';
export * from '$lib/components/admin/scope-labels';
export * from '$lib/components/assessments/labels';

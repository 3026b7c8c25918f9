/**
 * Version statuses of a versioned record (a pledge, a periodic report): `accepted` versions are the
 * record (the latest accepted one is in force); `pending` is a change awaiting the block lead;
 * `rejected` and `withdrawn` stay for history.
 */
export const VERSION_STATUSES = ['accepted', 'pending', 'rejected', 'withdrawn'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

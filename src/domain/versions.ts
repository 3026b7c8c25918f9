/**
 * Version statuses of a versioned record (a pledge, a periodic report): `accepted` versions are the
 * record (the latest accepted one is in force); `pending` is a change awaiting the block lead;
 * `rejected` and `withdrawn` stay for history.
 */
export const VERSION_STATUSES = ['accepted', 'pending', 'rejected', 'withdrawn'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** Why a unit asks for a change (a change request's “Lý do điều chỉnh”), as typed: trimmed; undefined when blank, for it is required. */
export function readChangeReason(typed: string | null | undefined): string | undefined {
  const reason = typed?.trim() ?? '';
  return reason ? reason : undefined;
}

/** A form's problem when its change request gives no reason. */
export type ChangeReasonProblem = { field: 'change_reason' };

import { pledgeChangeRequests } from '../pledges/change-requests';
import { reportChangeRequests } from '../reports/change-requests';
import type { ChangeRequestKind } from './requests';

/** Every kind of change request, by the name its buttons carry ("pledge:12", "report:7"). */
export const CHANGE_REQUEST_KINDS: Readonly<Record<string, ChangeRequestKind>> = {
  pledge: pledgeChangeRequests,
  report: reportChangeRequests,
};

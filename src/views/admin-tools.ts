import type { Button } from '@slack/types';
import { defineMessages, type Locale } from '../i18n/messages';
import { button } from './blocks';
import { ADMIN_OPEN } from './ids';

/**
 * The admin tools (`/thidua quantri`, the admins' App Home): each a button that opens its form, with
 * the tool's name as its value.
 */
export const ADMIN_TOOLS = ['officers', 'leads', 'extension', 'reopen', 'holiday', 'audit', 'organisation_file'] as const;
export type AdminTool = (typeof ADMIN_TOOLS)[number];

export const adminToolText = defineMessages(
  {
    officers: 'Cán bộ thi đua',
    leads: 'Trưởng khối, Phó khối',
    extension: 'Gia hạn nộp báo cáo',
    reopen: 'Mở lại báo cáo',
    holiday: 'Thêm ngày nghỉ',
    audit: 'Nhật ký',
    organisation_file: 'Nạp tệp tổ chức',
  } satisfies Record<AdminTool, string>,
  {
    officers: 'Officers',
    leads: 'Block lead and deputy',
    extension: 'Extend a due',
    reopen: 'Reopen a report',
    holiday: 'Add a holiday',
    audit: 'Audit log',
    organisation_file: 'Load organisation file',
  } satisfies Record<AdminTool, string>,
);

export function adminOpenButton(tool: AdminTool, locale: Locale): Button {
  return button(adminToolText[locale][tool], ADMIN_OPEN, tool, tool === 'organisation_file' ? 'primary' : undefined);
}

import { describe, expect, it } from 'vitest';
import { readOrganisationFile } from '../../src/organisation/read-file';
import { readOrganisationWorkbook } from '../../src/organisation/workbook';
import { organisationTemplate } from '../../src/organisation/workbook-template';
import { DEMO_YAML } from '../support/bot';
import { organisationOfYaml, sheetRows, workbookOf, workbookOfYaml } from '../support/workbooks';

describe('the organisation file as a workbook', () => {
  it('reads the demo organisation written as a workbook exactly as its YAML file', async () => {
    const fromYaml = readOrganisationFile(DEMO_YAML);
    const fromWorkbook = await readOrganisationWorkbook(await workbookOfYaml(DEMO_YAML));
    expect(fromWorkbook).toEqual(fromYaml);
    expect(fromWorkbook.ok).toBe(true);
  });

  it('reads the empty template as an organisation with nothing in it but its missing name', async () => {
    const read = await readOrganisationWorkbook(await organisationTemplate('vi'));
    expect(read).toEqual({ ok: false, locale: 'vi', problems: ['Trang “Tổ chức”, mục “Tên tổ chức”: không được để trống'] });
  });

  it('names every mistake by sheet, row and column, in the file’s language, and yields nothing', async () => {
    const rows = sheetRows(organisationOfYaml(DEMO_YAML));
    rows.units![4] = { ...rows.units![4], officers: 'nguyen van a' };
    rows.blocks![0] = { ...rows.blocks![0], units: 'TT, CA, XYZ' };
    rows.periods![1] = { ...rows.periods![1], due: '31/06/2021 17:00' };
    rows.criteria![2] = { ...rows.criteria![2], kind: 'percentage' };
    rows.periods!.push({ year: 2019, code: 'Q9', name: 'Quý 9', start: '2019-01-01', end: '2019-03-31', due: '10/04/2019 17:00' });
    const read = await readOrganisationWorkbook(await workbookOf(rows));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toEqual([
      'Trang “Đơn vị”, dòng 6, cột “Cán bộ thi đua” (mục 1): không phải mã người dùng Slack (dạng U0ABC123) (đang ghi: "nguyen")',
      'Trang “Đơn vị”, dòng 6, cột “Cán bộ thi đua” (mục 2): không phải mã người dùng Slack (dạng U0ABC123) (đang ghi: "van")',
      'Trang “Đơn vị”, dòng 6, cột “Cán bộ thi đua” (mục 3): không phải mã người dùng Slack (dạng U0ABC123) (đang ghi: "a")',
      'Trang “Khối”, dòng 2, cột “Đơn vị” (mục 3): không có đơn vị mã "XYZ" trong units',
      'Trang “Kỳ báo cáo”, dòng 3, cột “Hạn nộp”: thời điểm không hợp lệ, cần ghi ngày/tháng/năm giờ:phút, ví dụ 31/03/2021 17:00 (đang ghi: "31/06/2021 17:00")',
      'Trang “Kỳ báo cáo”, dòng 6, cột “Năm”: năm 2019 chưa có trong trang “Năm”',
      'Trang “Tiêu chí”, dòng 4, cột “Loại”: phải là một trong: target, lower_better, yes_no, graded, levels, count, bonus, deduction (đang ghi: "percentage")',
    ]);
  });

  it('reads a year’s resubmission due in working days (default 3), and names a value out of range', async () => {
    const rows = sheetRows(organisationOfYaml(DEMO_YAML));
    const yearOf = (read: Awaited<ReturnType<typeof readOrganisationWorkbook>>) => (read.ok ? read.data.years[0] : undefined);
    expect(yearOf(await readOrganisationWorkbook(await workbookOf(rows)))?.resubmissionWorkingDays).toBe(3);
    rows.years![0] = { ...rows.years![0], resubmission_working_days: 2 };
    expect(yearOf(await readOrganisationWorkbook(await workbookOf(rows)))?.resubmissionWorkingDays).toBe(2);
    rows.years![0] = { ...rows.years![0], resubmission_working_days: 0 };
    const wrong = await readOrganisationWorkbook(await workbookOf(rows));
    expect(wrong.ok ? [] : wrong.problems).toEqual([expect.stringMatching(/^Trang “Năm”, dòng 2, cột “Hạn nộp lại \(ngày làm việc\)”/)]);
  });

  it('names unknown sheets and columns', async () => {
    const rows = sheetRows(organisationOfYaml(DEMO_YAML));
    const workbook = await workbookOf(rows);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(workbook as unknown as ArrayBuffer);
    book.addWorksheet('Ghi chú').addRow(['…']);
    book.getWorksheet('Đơn vị')!.getCell('D1').value = 'Điện thoại';
    const read = await readOrganisationWorkbook(Buffer.from(await book.xlsx.writeBuffer()));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems[0]).toMatch(/^Trang “Ghi chú”: trang này không có trong mẫu; các trang của mẫu: “Tổ chức”, “Ngày nghỉ”/);
    expect(read.problems[1]).toMatch(
      /^Trang “Đơn vị”, D1: cột “Điện thoại” không có trong mẫu của trang này; các cột: “Mã”, “Tên”, “Cán bộ thi đua”$/,
    );
  });

  it('says a file that is not a workbook is not one', async () => {
    expect(await readOrganisationWorkbook(Buffer.from('organization:\n  name: x\n'))).toEqual({
      ok: false,
      locale: 'vi',
      problems: [expect.stringContaining('tệp không đọc được như một bảng tính Excel (.xlsx)')],
    });
  });
});

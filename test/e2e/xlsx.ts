import ExcelJS from 'exceljs';

/** A copy of an exported catalog workbook with some cells changed: [sheet, 1-based row, header, value]. */
export async function editWorkbook(file: string, edits: [string, number, string, string | number][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const [sheetName, row, header, value] of edits) {
    const sheet = wb.getWorksheet(sheetName);
    if (!sheet) throw new Error(`no sheet ${sheetName}`);
    let col = 0;
    sheet.getRow(1).eachCell((cell, n) => {
      if (String(cell.value) === header) col = n;
    });
    if (!col) throw new Error(`no column ${header} in ${sheetName}`);
    sheet.getRow(row).getCell(col).value = value;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The page and the table's geometry, in PDF points (1/72 in). A4 portrait. */
export const page = { size: 'A4', width: 595.28, height: 841.89, margin: 50 } as const;

/** The table fills the width between the margins: row number, label, value. */
export const table = {
  rowHeight: 18,
  padding: 6,
  fontSize: 10,
  numberWidth: 40,
  valueWidth: 130,
  /** Rows stop here; below is the footer. */
  bottom: page.height - page.margin - 20,
} as const;

export const fonts = { regular: 'Helvetica', bold: 'Helvetica-Bold' } as const;

export const colours = {
  text: '#1f2933',
  muted: '#52606d',
  rule: '#9aa5b1',
  headerFill: '#d9e2ec',
  stripeFill: '#f5f7fa',
} as const;

export const contentWidth = page.width - 2 * page.margin;

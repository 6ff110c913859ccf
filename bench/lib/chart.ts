/** A horizontal bar chart for the console: one bar per row, scaled to the largest value. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  /** What is printed after the bar, e.g. `48,120 msg/s`. */
  readonly text: string;
}

export function barChart(title: string, bars: readonly Bar[], width = 40): string {
  const largest = Math.max(...bars.map((bar) => (Number.isFinite(bar.value) ? bar.value : 0)), 0);
  const labelWidth = Math.max(...bars.map((bar) => bar.label.length), 0);
  const lines = bars.map((bar) => {
    const eighths = largest > 0 && Number.isFinite(bar.value) ? Math.round((bar.value / largest) * width * 8) : 0;
    const drawn = '█'.repeat(Math.floor(eighths / 8)) + (eighths % 8 === 0 ? '' : partial[eighths % 8]);
    return `  ${bar.label.padEnd(labelWidth)} │${drawn.padEnd(width)} ${bar.text}`;
  });
  return `${title}\n${lines.join('\n')}\n`;
}

const partial = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

import { escapeHtml } from './escape.js';

/**
 * Everything the page needs is inline: system fonts, this stylesheet and SVG. The CSP forbids
 * scripts and every network fetch, so the page looks the same offline, in a mail attachment, or
 * with JavaScript disabled, and a name that slipped through escaping still could not run.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", sans-serif; color: #1b1b1b; background: #ffffff; }
header h1 { margin: 0 0 4px; font-size: 24px; }
header .description { margin: 4px 0 8px; max-width: 70em; }
dl.meta { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 8px 0 0; }
dl.meta div { display: flex; gap: 6px; }
dl.meta dt { color: #555555; }
dl.meta dd { margin: 0; font-weight: 600; }
nav.toc { margin: 12px 0 0; font-size: 13px; }
nav.toc a { margin-right: 16px; color: #0057a3; }
section { margin-top: 28px; }
section h2 { font-size: 19px; margin: 0 0 6px; border-bottom: 1px solid #dddddd; padding-bottom: 4px; }
section > p, .method { max-width: 75em; }
.legend { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 6px 20px; list-style: none; margin: 8px 0; padding: 6px 10px; background: #ffffffee; border: 1px solid #e2e2e2; border-radius: 4px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.legend em { color: #555555; font-style: normal; }
ol.scenario-key { margin: 4px 0 8px; padding-left: 22px; font-size: 13px; }
.grid { display: flex; flex-wrap: wrap; gap: 12px; }
svg.chart { display: block; max-width: 100%; height: auto; background: #ffffff; border: 1px solid #ececec; border-radius: 4px; }
svg.chart text { font: 10.5px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; fill: #333333; }
svg.chart .chart-title { font-size: 12.5px; font-weight: 600; fill: #111111; }
svg.chart .chart-subtitle { fill: #666666; }
svg.chart .axis-label { fill: #666666; }
svg.chart .no-data { font-size: 12px; fill: #888888; }
svg.chart line.grid { stroke: #ebebeb; }
svg.chart line.axis-line, svg.chart line.tick-mark { stroke: #888888; }
svg.chart .merged-label { font-size: 9.5px; fill: #444444; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; }
svg.chart .canary-label { font-size: 9.5px; font-weight: 600; }
svg.chart .scenario text { font-size: 9.5px; fill: #444444; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; }
ul.findings { margin: 8px 0; padding-left: 20px; max-width: 75em; }
ul.findings li { margin: 3px 0; }
ul.expectations { list-style: none; margin: 8px 0; padding-left: 0; max-width: 75em; }
ul.expectations li { margin: 4px 0; }
.verdict { display: inline-block; min-width: 5.5em; padding: 0 6px; margin-right: 6px; border-radius: 3px; font-weight: bold; text-align: center; color: #ffffff; }
li.held .verdict { background: #1b7837; }
li.not-held .verdict { background: #b2182b; }
ul.warnings { margin: 8px 0; padding: 8px 8px 8px 28px; max-width: 75em; background: #fff4ce; border: 1px solid #e0c060; }
.table-wrap { overflow-x: auto; }
table.comparisons, table.headroom { border-collapse: collapse; font-size: 13px; margin-top: 8px; }
table.comparisons th, table.comparisons td, table.headroom th, table.headroom td { padding: 4px 10px; border-bottom: 1px solid #e4e4e4; text-align: left; }
table.comparisons td.num, table.headroom td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.comparisons thead th, table.headroom thead th { border-bottom: 2px solid #bbbbbb; }
table.headroom .ci { color: #666666; font-size: 11px; }
.empty { color: #666666; font-style: italic; }
@media print { .legend { position: static; } svg.chart { break-inside: avoid; } }
`;

/** The HTML document around already-rendered (escaped) body markup. */
export function page(title: string, body: string): string {
  return (
    '<!doctype html>\n' +
    '<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<meta name="generator" content="prodsim experiments report">\n' +
    `<title>${escapeHtml(title)}</title>\n` +
    `<style>${STYLE}</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`
  );
}

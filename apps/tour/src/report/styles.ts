/** The report's stylesheet: system fonts, a light theme, a readable measure, and print rules. */
export const styles = `
:root { --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0550ae;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--text); background: #fff; line-height: 1.5;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 1000px; margin: 0 auto; padding: 24px 20px 64px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
h1 { font-size: 1.9rem; margin: 0 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 1.45rem; margin: 40px 0 8px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.2rem; margin: 0 0 8px; }
h3 .section-number { margin-right: 4px; }
h3 .badge { margin-left: 6px; }
h4 { font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); margin: 12px 0 6px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.88em; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px;
  white-space: pre-wrap; word-break: break-word; margin: 0; }
.lead { color: var(--muted); margin: 0 0 12px; }
.muted { color: var(--muted); }
.score { font-size: 1.15rem; margin: 8px 0 12px; }
.score.all-pass strong { color: var(--pass); }
.fail-text { color: var(--fail); font-weight: 600; }
.facts { display: flex; flex-wrap: wrap; gap: 6px 24px; margin: 0; padding: 12px 16px; background: var(--soft);
  border: 1px solid var(--line); border-radius: 8px; font-size: 0.9rem; }
.facts div { display: flex; gap: 6px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; font-weight: 600; }
.toc { margin-top: 24px; }
.toc h2 { margin-top: 16px; }
.toc ol { padding-left: 22px; margin: 4px 0; }
.toc > ol > li { margin: 6px 0; font-weight: 600; }
.toc ol ol li { font-weight: 400; margin: 2px 0; }
.section-number { color: var(--muted); font-variant-numeric: tabular-nums; font-weight: 600; }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 600; line-height: 1; padding: 4px 8px;
  border-radius: 999px; white-space: nowrap; vertical-align: middle; }
.badge.pass { color: var(--pass); background: var(--pass-bg); }
.badge.fail { color: var(--fail); background: var(--fail-bg); }
.badge.neutral { color: var(--muted); background: var(--soft); border: 1px solid var(--line); }
.experiment { margin: 20px 0 28px; padding: 18px 20px; border: 1px solid var(--line); border-radius: 10px; }
.label { display: inline-block; font-size: 0.72rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.05em;
  color: var(--muted); margin-right: 6px; }
.claim { margin: 0 0 10px; }
.verdicts { list-style: none; padding: 0; margin: 0 0 12px; }
.verdicts li { margin: 4px 0; }
.error-box { border: 1px solid var(--fail); background: var(--fail-bg); border-radius: 8px; padding: 8px 12px; margin: 8px 0; }
.error-box p { margin: 4px 0; }
.error-box pre { background: #fff; font-size: 0.78rem; }
.figures { display: flex; flex-direction: column; gap: 18px; margin: 16px 0; }
.figure { margin: 0; }
.figure figcaption { font-weight: 600; margin-bottom: 6px; }
.figure-body { overflow-x: auto; }
.figure-body > svg { display: block; max-width: 100%; height: auto; }
.note { font-size: 0.85rem; color: var(--muted); margin: 4px 0 0; }
.note::before { content: "Note: "; font-weight: 600; }
.figure-error .error { color: var(--fail); }
.image-grid { display: flex; flex-wrap: wrap; gap: 8px; }
.image-grid.fixed { display: grid; }
.tile { margin: 0; text-align: center; }
.tile img, .tile svg { display: block; max-width: 100%; height: auto; image-rendering: pixelated; border: 1px solid var(--line); }
.tile figcaption { font-size: 0.75rem; color: var(--muted); font-weight: 400; margin: 2px 0 0; }
.tile.broken { color: var(--fail); font-size: 0.8rem; max-width: 160px; }
.text-figure { max-width: 100%; max-height: 28em; overflow: auto; }
.columns p { margin: 0 0 6px; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 8px 28px; }
.kv { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
.kv th, .kv td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
.kv th { font-weight: 500; color: var(--muted); width: 45%; word-break: break-word; }
.kv td { font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.kv.metrics td { font-weight: 600; }
.kv pre { font-size: 0.8rem; padding: 6px 8px; }
.reproduce { margin: 14px 0 0; }
.reproduce code { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 3px 8px; }
.empty { padding: 24px; border: 1px dashed var(--line); border-radius: 10px; color: var(--muted); text-align: center; }
footer { margin-top: 48px; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line); padding-top: 12px; }
@media print {
  body { font-size: 11pt; }
  .page { max-width: none; padding: 0; }
  a { color: inherit; }
  .toc { break-after: page; }
  .experiment { border: none; padding: 0; }
  .figure, .verdicts, .kv tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .figure-body, .text-figure { overflow: visible; max-height: none; }
}
`;

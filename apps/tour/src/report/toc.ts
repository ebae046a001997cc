import { experimentAnchor, topicAnchor } from './anchors.js';
import { experimentBadge } from './badges.js';
import { escapeHtml } from './escape.js';
import type { TopicGroup } from './order.js';

/** The table of contents: topics, then their experiments by section number, with badges. */
export function tableOfContents(groups: readonly TopicGroup[]): string {
  if (groups.length === 0) return '';
  const items = groups
    .map((group) => {
      const experiments = group.experiments
        .map(
          (e) =>
            `<li><a href="#${experimentAnchor(e.topic, e.id)}"><span class="section-number">§${escapeHtml(e.section)}</span> ${escapeHtml(e.title)}</a> ${experimentBadge(e)}</li>`,
        )
        .join('');
      return `<li><a href="#${topicAnchor(group.topic)}">${escapeHtml(group.topic)}</a><ol>${experiments}</ol></li>`;
    })
    .join('');
  return `<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>${items}</ol></nav>`;
}

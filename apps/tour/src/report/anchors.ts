/** Lower-case letters, digits and dashes only: safe as an HTML id and in a URL fragment. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'x'
  );
}

/** The id of a topic's section in the report. */
export function topicAnchor(topic: string): string {
  return `topic-${slug(topic)}`;
}

/** The id of an experiment's section in the report. */
export function experimentAnchor(topic: string, id: string): string {
  return `exp-${slug(topic)}-${slug(id)}`;
}

// Finds the @names in a message that the server resolved (its `mentions`), for the view to highlight: an @word that
// names nobody, or an e-mail address, stays plain text. The pattern is the server's (docs/api.md, Mentions). Pure.

const MENTION = /(?<![A-Za-z0-9_.-])@([A-Za-z0-9_.-]{2,32})(?![A-Za-z0-9_.-])/g;

/**
 * Splits text into [{ text }, { text, mention }, …] pieces that join back to the original; `mention` is the
 * resolved name (registered spelling) for an @name listed in `mentions`, compared without case.
 */
export function splitMentions(text, mentions) {
    const known = new Map((mentions ?? []).map((name) => [name.toLowerCase(), name]));
    if (known.size === 0) {
        return [{ text }];
    }
    const pieces = [];
    let at = 0;
    for (const match of text.matchAll(MENTION)) {
        const name = known.get(match[1].toLowerCase());
        if (!name) {
            continue;
        }
        if (match.index > at) {
            pieces.push({ text: text.slice(at, match.index) });
        }
        pieces.push({ text: match[0], mention: name });
        at = match.index + match[0].length;
    }
    if (at < text.length || pieces.length === 0) {
        pieces.push({ text: text.slice(at) });
    }
    return pieces;
}

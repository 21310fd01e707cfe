// Finds web addresses in message text, for the view to draw as links. Only http and https are ever links (never
// javascript:, data: or anything else), and the result is a list of plain strings: the view puts them in text nodes
// and an href attribute, so no message can inject markup. Pure, so it is unit-tested.

// A scheme, then anything up to white space or a character that cannot end an address in running text.
const CANDIDATE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?*_~]+$/;
const PAIRS = { ')': '(', ']': '[', '}': '{' };

/** Drops punctuation a sentence put after the address, and closing brackets the address never opened. */
function trimEnd(candidate) {
    let text = candidate;
    for (;;) {
        const before = text;
        text = text.replace(TRAILING, '');
        const last = text.at(-1);
        if (last in PAIRS && count(text, last) > count(text, PAIRS[last])) {
            text = text.slice(0, -1);
        }
        if (text === before) {
            return text;
        }
    }
}

function count(text, ch) {
    return text.split(ch).length - 1;
}

/** The address as a link target, or null when it is not a valid http(s) URL with a host. */
export function safeHref(candidate) {
    if (!URL.canParse(candidate)) {
        return null;
    }
    const url = new URL(candidate);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : null;
}

/** Splits text into [{ text }, { text, href }, …] pieces, in order, that join back to the original text. */
export function linkify(text) {
    const pieces = [];
    let at = 0;
    for (const match of text.matchAll(CANDIDATE)) {
        const shown = trimEnd(match[0]);
        const href = safeHref(shown);
        if (!href) {
            continue;
        }
        if (match.index > at) {
            pieces.push({ text: text.slice(at, match.index) });
        }
        pieces.push({ text: shown, href });
        at = match.index + shown.length;
    }
    if (at < text.length || pieces.length === 0) {
        pieces.push({ text: text.slice(at) });
    }
    return pieces;
}

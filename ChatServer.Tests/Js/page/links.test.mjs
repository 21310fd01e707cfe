import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkify, safeHref } from '../../../wwwroot/links.js';

const links = (text) => linkify(text).filter((p) => p.href);

test('http and https addresses become links; the pieces join back to the text', () => {
    const text = 'see https://example.com/a?b=1&c=2#top and http://x.org.';
    const pieces = linkify(text);
    assert.equal(pieces.map((p) => p.text).join(''), text);
    assert.deepEqual(links(text).map((p) => p.href), ['https://example.com/a?b=1&c=2#top', 'http://x.org/']);
    assert.equal(links(text)[1].text, 'http://x.org', 'the full stop ends the sentence, not the address');
});

test('no other scheme is ever a link', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://example.com', 'file:///etc/passwd',
        'JAVASCRIPT://%0aalert(1)', 'www.example.com', 'mailto:a@b.c']) {
        assert.deepEqual(links(text), [], text);
    }
    assert.equal(safeHref('javascript:alert(1)'), null);
    assert.equal(safeHref('https://'), null);
});

test('brackets the address did not open, quotes and markup end it', () => {
    assert.deepEqual(links('(see https://en.wikipedia.org/wiki/Foo_(bar))').map((p) => p.text),
        ['https://en.wikipedia.org/wiki/Foo_(bar)']);
    assert.deepEqual(links('[https://example.com/x]').map((p) => p.text), ['https://example.com/x']);
    assert.deepEqual(links('<a href="https://evil.test/">x</a>').map((p) => p.text), ['https://evil.test/']);
    assert.deepEqual(links('"https://q.test/path"').map((p) => p.text), ['https://q.test/path']);
});

test('markup around an address stays text', () => {
    const text = '<img src=x onerror=alert(1)> https://ok.test/<script>';
    const pieces = linkify(text);
    assert.equal(pieces.map((p) => p.text).join(''), text);
    assert.deepEqual(links(text).map((p) => p.href), ['https://ok.test/']);
    assert.equal(pieces[0].href, undefined);
});

test('text without addresses is one piece, an empty text too', () => {
    assert.deepEqual(linkify('hello'), [{ text: 'hello' }]);
    assert.deepEqual(linkify(''), [{ text: '' }]);
});

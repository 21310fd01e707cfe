import assert from 'node:assert/strict';
import test from 'node:test';
import { splitMentions } from '../../../wwwroot/mentions.js';

const join = (pieces) => pieces.map((p) => p.text).join('');

test('only names the server resolved are mentions, in their registered spelling', () => {
    const text = 'hi @Bob and @nobody, mail ada@bob.example';
    const pieces = splitMentions(text, ['bob']);
    assert.equal(join(pieces), text);
    assert.deepEqual(pieces.filter((p) => p.mention), [{ text: '@Bob', mention: 'bob' }]);
});

test('no mentions leaves the text whole', () => {
    assert.deepEqual(splitMentions('hi @bob', undefined), [{ text: 'hi @bob' }]);
    assert.deepEqual(splitMentions('', ['bob']), [{ text: '' }]);
});

test('a name followed by more name characters is another name', () => {
    assert.equal(splitMentions('@bob.smith @bob', ['bob']).filter((p) => p.mention).length, 1);
});

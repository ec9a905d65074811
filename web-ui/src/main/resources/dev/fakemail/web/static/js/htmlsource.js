// The HTML body's source with tags, attributes and comments coloured. A small tokenizer splits the text;
// every token becomes a text node, inside a span at most: the mail's markup is never parsed as markup.
import { el } from './dom.js';

// Comments, doctypes, then tags with their attributes; everything between is text.
const TOKEN = /<!--[\s\S]*?(?:-->|$)|<![^>]*>?|<\/?[A-Za-z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>?/g;
const ATTRIBUTE = /(\s+)([^\s=/>]+)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^\s>]+))?|([\s\S])/g;

/** [{ kind: 'text'|'comment'|'doctype'|'tag', text }] covering the whole source, in order. */
export function tokens(source) {
  const out = [];
  let last = 0;
  for (const match of source.matchAll(TOKEN)) {
    if (match.index > last) {
      out.push({ kind: 'text', text: source.slice(last, match.index) });
    }
    const text = match[0];
    out.push({ kind: text.startsWith('<!--') ? 'comment' : text.startsWith('<!') ? 'doctype' : 'tag', text });
    last = match.index + text.length;
  }
  if (last < source.length) {
    out.push({ kind: 'text', text: source.slice(last) });
  }
  return out;
}

function tagNodes(text) {
  const name = /^<\/?[^\s/>]*/.exec(text)[0];
  const nodes = [el('span', { class: 'tok-tag', text: name })];
  const rest = text.slice(name.length);
  for (const part of rest.matchAll(ATTRIBUTE)) {
    if (part[2] !== undefined) {
      nodes.push(part[1], el('span', { class: 'tok-attr', text: part[2] }));
      if (part[3] !== undefined) {
        nodes.push(part[3], el('span', { class: 'tok-value', text: part[4] }));
      }
    } else {
      nodes.push(el('span', { class: 'tok-tag', text: part[5] }));
    }
  }
  return nodes;
}

/** A <pre> with the source, highlighted. */
export function sourceView(source) {
  return el('pre', { id: 'html-source', class: 'raw html-source' }, tokens(source).map((token) =>
    token.kind === 'text' ? token.text
      : token.kind === 'tag' ? tagNodes(token.text)
        : el('span', { class: 'tok-' + token.kind, text: token.text })));
}

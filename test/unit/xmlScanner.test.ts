import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractMaven } from '../../server/src/service/extract/maven';
import { XmlDocument, XmlElement, scanXml } from '../../server/src/service/extract/maven/xmlScanner';

/** `[text at span, message]` of each problem. */
function problems(text: string, doc: XmlDocument = scanXml(text)): [string, string][] {
  return doc.problems.map((p) => [text.slice(p.span.start, p.span.end), p.message]);
}

/** `name[child child[grandchild]]`: the shape of a tree. */
function shape(elements: readonly XmlElement[]): string {
  return elements.map((e) => (e.children.length ? `${e.name}[${shape(e.children)}]` : e.name)).join(' ');
}

function only(text: string): XmlElement {
  const doc = scanXml(text);
  assert.deepEqual(doc.problems, []);
  assert.equal(doc.elements.length, 1);
  return doc.elements[0];
}

/** Every element, iteratively (documents in these tests nest 100,000 deep). */
function allElements(doc: XmlDocument): XmlElement[] {
  const result: XmlElement[] = [];
  const pending = [...doc.elements];
  for (let next = pending.pop(); next; next = pending.pop()) {
    result.push(next);
    pending.push(...next.children);
  }
  return result;
}

/** Offsets lie in the text and agree with each other; children are in document order inside their parent. */
function assertWellFormedTree(text: string, doc: XmlDocument): void {
  for (const problem of doc.problems) {
    assert.ok(problem.span.start <= problem.span.end && problem.span.end <= text.length, JSON.stringify(problem));
    assert.match(problem.message, /^XML: /);
  }
  for (const element of allElements(doc)) {
    assert.equal(text[element.start], '<');
    assert.equal(text.slice(element.nameSpan.start, element.nameSpan.end), element.name);
    if (element.openEnd !== undefined) assert.equal(text[element.openEnd - 1], '>');
    if (element.closeStart !== undefined) assert.ok(text.startsWith('</', element.closeStart));
    assert.ok(element.end >= element.nameSpan.end && element.end <= text.length);
    let previous = element.openEnd ?? element.nameSpan.end;
    for (const child of element.children) {
      assert.equal(child.parent, element);
      assert.ok(child.start >= previous, `${child.name} overlaps its previous sibling in ${element.name}`);
      previous = child.end;
    }
    assert.ok(previous <= (element.closeStart ?? element.end));
  }
}

describe('scanXml', () => {
  it('gives the offsets of open tag, name, content and closing tag', () => {
    const text = '<project a="1">\n  <build>x</build>\n</project>';
    const project = only(text);
    assert.equal(project.start, 0);
    assert.deepEqual(project.nameSpan, { start: 1, end: 8 });
    assert.equal(project.openEnd, text.indexOf('>') + 1);
    assert.equal(project.closeStart, text.indexOf('</project>'));
    assert.equal(project.end, text.length);
    assert.equal(project.selfClosing, false);
    assert.equal(project.parent, undefined);
    assert.equal(project.indent, 0);
    const [build] = project.children;
    assert.equal(build.name, 'build');
    assert.equal(build.parent, project);
    assert.equal(build.start, text.indexOf('<build>'));
    assert.equal(text.slice(build.openEnd, build.closeStart), 'x');
    assert.equal(text.slice(build.start, build.end), '<build>x</build>');
    assert.equal(build.indent, 2);
  });

  it('reads self-closing elements, with and without attributes', () => {
    const text = '<r><a/><b x="1" /><c></c></r>';
    const [a, b, c] = only(text).children;
    assert.deepEqual([a.selfClosing, b.selfClosing, c.selfClosing], [true, true, false]);
    assert.equal(text.slice(a.start, a.end), '<a/>');
    assert.equal(a.openEnd, a.end);
    assert.equal(a.closeStart, undefined);
    assert.equal(text.slice(b.start, b.end), '<b x="1" />');
    assert.equal(text.slice(c.closeStart, c.end), '</c>');
  });

  it('reads attributes in both kinds of quotes, with > and the other quote inside', () => {
    const text = `<r a="x>y" b='say "hi"' c = "3"><child/></r>`;
    const r = only(text);
    assert.deepEqual(
      r.attributes.map((a) => [a.name, text.slice(a.valueSpan!.start, a.valueSpan!.end)]),
      [
        ['a', 'x>y'],
        ['b', 'say "hi"'],
        ['c', '3'],
      ],
    );
    assert.equal(r.openEnd, text.indexOf('<child/>'));
    assert.equal(shape([r]), 'r[child]');
  });

  it('accepts entity and character references and reports a bare &', () => {
    assert.deepEqual(problems('<r>&amp; &lt;&gt;&quot;&apos; &#x41;&#65; &custom.name; a="&amp;"</r>'), []);
    assert.deepEqual(problems('<r a="&#x3C;">x</r>'), []);
    const text = '<r>a & b &amp c &# d &#x; e</r>';
    assert.deepEqual(
      problems(text).map(([at, message]) => [at, message]),
      [
        ['&', "XML: unexpected character '&'"],
        ['&', "XML: unexpected character '&'"],
        ['&', "XML: unexpected character '&'"],
        ['&', "XML: unexpected character '&'"],
      ],
    );
    assert.deepEqual(problems('<r>&#0;</r>'), [['&#0;', 'XML: &#0; is not a character XML allows']]);
  });

  it('skips markup inside CDATA sections and comments', () => {
    const text = '<r><![CDATA[<a> & </r> ]]><!-- <b></b> & --><c/></r>';
    const r = only(text);
    assert.equal(shape([r]), 'r[c]');
    assert.equal(r.closeStart, text.lastIndexOf('</r>'));
  });

  it('makes the rest of the document a comment or CDATA when one is not closed, with one problem', () => {
    const comment = '<r>\n  <a/>\n  <!-- <b/>\n</r>';
    const doc = scanXml(comment);
    assert.deepEqual(problems(comment, doc), [['<!--', 'XML: comment is not closed (missing -->)']]);
    assert.equal(shape(doc.elements), 'r[a]');
    assert.equal(doc.elements[0].end, comment.length);
    const cdata = '<r><![CDATA[x</r>';
    assert.deepEqual(problems(cdata), [['<![CDATA[', 'XML: CDATA section is not closed (missing ]]>)']]);
  });

  it('skips processing instructions and a DOCTYPE with an internal subset', () => {
    const text = `<?xml version="1.0"?>
<!DOCTYPE project [ <!ENTITY x "a>b"> <!-- ] > --> ]>
<project><?pi <not-an-element/> ?><a/></project>`;
    const doc = scanXml(text);
    assert.deepEqual(doc.problems, []);
    assert.equal(shape(doc.elements), 'project[a]');
    assert.deepEqual(problems('<r/><?pi'), [['<?', 'XML: processing instruction is not closed (missing ?>)']]);
  });

  it('reports a closing tag that matches nothing, which closes the innermost element', () => {
    const text = '<r><image>x</imag><b/></r>';
    const doc = scanXml(text);
    assert.deepEqual(problems(text, doc), [['imag', 'XML: closing tag </imag> does not match <image>']]);
    assert.equal(shape(doc.elements), 'r[image b]');
    const image = doc.elements[0].children[0];
    assert.equal(image.closeStart, text.indexOf('</imag>'));
  });

  it('reopens an element closed by a stray closing tag when its own closing tag follows', () => {
    const text = '<r><a><b/></x><c/></a><d/></r>';
    const doc = scanXml(text);
    assert.deepEqual(problems(text, doc), [['x', 'XML: unexpected closing tag </x>']]);
    assert.equal(shape(doc.elements), 'r[a[b c] d]');
    const a = doc.elements[0].children[0];
    assert.equal(a.closeStart, text.indexOf('</a>'));
  });

  it('closes the elements above an ancestor’s closing tag, moving out what the indentation says is outside', () => {
    const text = ['<r>', '  <a>', '    <b>x', '  <c/>', '    <d/>', '</r>'].join('\n');
    const doc = scanXml(text);
    assert.deepEqual(problems(text, doc), [
      ['a', 'XML: <a> is not closed (found </r>)'],
      ['b', 'XML: <b> is not closed (found </r>)'],
    ]);
    assert.equal(shape(doc.elements), 'r[a[b] c d]');
    const [a] = doc.elements[0].children;
    assert.equal(a.closeStart, undefined);
    // <c/> and <d/> were read inside <b>: the first one back at the indentation of <b> (or less) ends <b> and <a>.
    assert.equal(a.end, text.indexOf('<c/>'));
    assert.equal(a.children[0].end, text.indexOf('<c/>'));
  });

  it('does not let a closing tag left deeper than the innermost element close an ancestor', () => {
    const text = ['<r>', '  <a>', '    <b/>', '      </r>', '  </a>', '</r>'].join('\n');
    const doc = scanXml(text);
    assert.deepEqual(problems(text, doc), [['r', 'XML: unexpected closing tag </r>']]);
    assert.equal(shape(doc.elements), 'r[a[b]]');
  });

  it('reports the end of the document at the end, naming the innermost open element', () => {
    const text = '<r><a><b>text';
    const doc = scanXml(text);
    assert.deepEqual(doc.problems, [
      { span: { start: text.length, end: text.length }, message: 'XML: unexpected end of document: <b> is not closed' },
    ]);
    assert.ok(allElements(doc).every((e) => e.end === text.length && e.closeStart === undefined));
    const cut = scanXml('<r><a x="1"');
    assert.deepEqual(cut.problems.map((p) => p.message), ['XML: unexpected end of document: <a> is not closed']);
    assert.equal(cut.elements[0].children[0].openEnd, undefined);
  });

  it('reports a < without a name at the character found and reads it as text', () => {
    const text = '<r>a < b <1 <</r>';
    assert.deepEqual(problems(text), [
      [' ', "XML: expected a name but found ' '"],
      ['1', "XML: expected a name but found '1'"],
      ['<', "XML: expected a name but found '<'"],
    ]);
    assert.equal(shape(scanXml(text).elements), 'r');
  });

  it('takes an open tag cut off by the next tag to be empty when it is never closed', () => {
    const text = ['<r>', '  <a', '  <b>x</b>', '</r>'].join('\n');
    const doc = scanXml(text);
    assert.deepEqual(problems(text, doc), [['<', "XML: expected '>' but found '<'"]]);
    assert.equal(shape(doc.elements), 'r[a b]');
    const [a] = doc.elements[0].children;
    assert.equal(a.openEnd, undefined);
    assert.equal(a.end, text.indexOf('<b>'));
  });

  it('reports one problem for an attribute value missing its closing quote, and reads on', () => {
    const missingBeforeName = '<r a="1 b="2"><c/></r>';
    let doc = scanXml(missingBeforeName);
    assert.deepEqual(problems(missingBeforeName, doc), [['"1', 'XML: attribute value is not closed (missing ")']]);
    assert.deepEqual(
      doc.elements[0].attributes.map((a) => a.name),
      ['a', 'b'],
    );
    assert.equal(shape(doc.elements), 'r[c]');
    const runsOn = '<r a="1>\n  <c/>\n</r>';
    doc = scanXml(runsOn);
    assert.deepEqual(problems(runsOn, doc), [['"', 'XML: attribute value is not closed (missing ")']]);
    assert.equal(shape(doc.elements), 'r[c]');
  });

  it('reports documents without a root element, stray closing tags and content outside the root', () => {
    for (const text of ['', '   ', 'garbage', '<', '</r>', '<<<>>>', '<!-- x -->']) {
      const doc = scanXml(text);
      assert.ok(doc.problems.some((p) => p.message === 'XML: no root element'), JSON.stringify(text));
      assertWellFormedTree(text, doc);
    }
    assert.deepEqual(problems('<r/></x>'), [['x', 'XML: unexpected closing tag </x>']]);
    assert.deepEqual(problems('<r/>\n<s/><t/>'), [['s', 'XML: <s> is outside the root element <r>']]);
    assert.deepEqual(problems('<r/> x'), [['x', 'XML: text is not allowed outside the root element']]);
    assert.deepEqual(problems('\ufeff<?xml version="1.0"?>\n<r/>\n'), []);
  });

  it('survives 100,000 nested elements: balanced, left open, and closed by an ancestor', function () {
    this.timeout(60_000);
    const depth = 100_000;
    const balanced = '<a>'.repeat(depth) + '</a>'.repeat(depth);
    let doc = scanXml(balanced);
    assert.deepEqual(doc.problems, []);
    let deepest = doc.elements[0];
    for (let level = 1; level < depth; level++) deepest = deepest.children[0];
    assert.equal(deepest.children.length, 0);
    assert.equal(deepest.closeStart, depth * 3);

    const open = '<a>\n'.repeat(depth);
    doc = scanXml(open);
    assert.equal(doc.problems.length, 1);
    assert.equal(allElements(doc).length, depth);

    const ancestor = '<r>' + '<a>'.repeat(depth) + '</r>';
    doc = scanXml(ancestor);
    assert.equal(doc.problems.length, depth);
    assertWellFormedTree(ancestor, doc);

    for (const text of [balanced, open, ancestor, '<project>' + '<build>'.repeat(depth)]) {
      assert.deepEqual(extractMaven(text).references, []);
    }
  });

  it('never throws and keeps offsets consistent on arbitrary markup', () => {
    const piece = fc.constantFrom(
      '<a>', '</a>', '<b x="1">', '</b>', '<c/>', '<', '>', '</', '/>', '&', '&amp;', '"', "'", '=', '<!--', '-->',
      '<![CDATA[', ']]>', '<?', '?>', '<!DOCTYPE', '[', ']', ' ', '\n', 'text',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        assertWellFormedTree(text, scanXml(text));
      }),
      { numRuns: 2000 },
    );
  });
});

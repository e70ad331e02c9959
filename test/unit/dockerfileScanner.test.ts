import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DockerfileScanner,
  scanDockerfile,
  type Instruction,
} from '../../server/src/service/extract/dockerfile/scanner';
import type { Span } from '../../server/src/service/types';
import { at } from '../support/text';

function keywords(text: string): string[] {
  return scanDockerfile(text).instructions.map((instruction) => instruction.keyword);
}

function only(text: string, keyword: string): Instruction {
  const found = scanDockerfile(text).instructions.filter((instruction) => instruction.keyword === keyword);
  assert.equal(found.length, 1, `expected one ${keyword} in ${JSON.stringify(text)}`);
  return found[0];
}

/** The words of `FROM`-style splitting: [text in the logical line, text of the document span]. */
function args(text: string, instruction: Instruction): Array<[string, string | undefined]> {
  return instruction.args().map((word) => [word.text, at(text, word.span)]);
}

describe('dockerfile scanner', () => {
  describe('instructions', () => {
    it('reads keywords in any case, with their spans, skipping comments and blank lines', () => {
      const text = '# a comment\n\nfrom alpine\n  # indented comment\n\tRun echo hi\ncopy a b\n';
      const { instructions } = scanDockerfile(text);
      assert.deepEqual(
        instructions.map((i) => [i.keyword, at(text, i.keywordSpan)]),
        [
          ['FROM', 'from'],
          ['RUN', 'Run'],
          ['COPY', 'copy'],
        ],
      );
      assert.equal(at(text, instructions[1].span), 'Run echo hi');
    });

    it('keeps unknown keywords as written, upper-cased; only ASCII letters fold to a keyword', () => {
      assert.deepEqual(keywords('FOO bar\nmaintainer me\n'), ['FOO', 'MAINTAINER']);
      assert.deepEqual(keywords('ONBUıLD RUN x\nſhell ["sh"]\n'), ['ONBUıLD', 'ſhell']);
    });

    it('skips a BOM and reads CRLF line endings', () => {
      const text = '\ufeffFROM a:1 AS base\r\nRUN true\r\n';
      const from = only(text, 'FROM');
      assert.equal(from.keywordSpan.start, 1);
      assert.deepEqual(args(text, from), [
        ['a:1', 'a:1'],
        ['AS', 'AS'],
        ['base', 'base'],
      ]);
      assert.equal(at(text, only(text, 'RUN').span), 'RUN true');
    });

    it('ends on the last line without a line break', () => {
      const text = 'FROM a\nFROM b';
      assert.deepEqual(
        scanDockerfile(text).instructions.map((i) => args(text, i)),
        [[['a', 'a']], [['b', 'b']]],
      );
    });

    it('scans one instruction at a time with next()', () => {
      const scanner = new DockerfileScanner('# escape=`\nFROM a\nRUN b\n');
      assert.equal(scanner.escapeChar, '`');
      assert.equal(scanner.next()?.keyword, 'FROM');
      assert.equal(scanner.next()?.keyword, 'RUN');
      assert.equal(scanner.next(), undefined);
      assert.equal(scanner.next(), undefined);
    });
  });

  describe('continuation lines', () => {
    it('joins continued lines; a word may cross a continuation and its span covers it', () => {
      const text = 'FROM ubun\\\ntu:22.04 \\\n  AS base\n';
      const from = only(text, 'FROM');
      assert.equal(from.line, 'FROM ubuntu:22.04   AS base');
      assert.ok(from.continued);
      assert.deepEqual(args(text, from), [
        ['ubuntu:22.04', 'ubun\\\ntu:22.04'],
        ['AS', 'AS'],
        ['base', 'base'],
      ]);
      assert.equal(from.span.end, text.length - 1);
    });

    it('skips comment lines and blank lines inside a continued instruction, as BuildKit does', () => {
      const text = 'RUN apt-get install \\\n  # the compiler\n  gcc \\\n\n    \n  make\nFROM x\n';
      const run = only(text, 'RUN');
      assert.equal(run.line, 'RUN apt-get install   gcc   make');
      assert.deepEqual(args(text, run).map(([word]) => word), ['apt-get', 'install', 'gcc', 'make']);
      assert.equal(at(text, run.args()[3].span), 'make');
      assert.deepEqual(keywords(text), ['RUN', 'FROM']);
    });

    it('skips a comment line in the middle of a word', () => {
      const text = 'FROM ubun\\\n# comment\ntu:22.04\n';
      assert.deepEqual(args(text, only(text, 'FROM')), [['ubuntu:22.04', 'ubun\\\n# comment\ntu:22.04']]);
    });

    it('accepts spaces and tabs after the continuation character, and CRLF', () => {
      const text = 'FROM \\ \t\r\n  alpine \\\r\n  AS a\r\n';
      assert.deepEqual(args(text, only(text, 'FROM')).map(([word]) => word), ['alpine', 'AS', 'a']);
    });

    it('does not continue on an escape followed by other text, or on a comment line ending with it', () => {
      const text = 'FROM a \\ b\n# comment \\\nRUN c\n';
      assert.deepEqual(keywords(text), ['FROM', 'RUN']);
      assert.deepEqual(args(text, only(text, 'FROM')).map(([word]) => word), ['a', '\\', 'b']);
    });

    it('continues until the end of the text', () => {
      const text = 'FROM a \\';
      const from = only(text, 'FROM');
      assert.equal(from.line, 'FROM a ');
      assert.deepEqual(args(text, from), [['a', 'a']]);
    });
  });

  describe('parser directives', () => {
    it('reads syntax and escape at the top, with spaces, a BOM and CRLF', () => {
      const text = '\ufeff#syntax = docker/dockerfile:1.7 \r\n  # ESCAPE=`\r\nFROM a `\r\n  AS b\r\n';
      const { directives, escapeChar, instructions } = scanDockerfile(text);
      assert.deepEqual(
        directives.map((d) => [d.name, d.value, at(text, d.nameSpan), at(text, d.valueSpan)]),
        [
          ['syntax', 'docker/dockerfile:1.7', 'syntax', 'docker/dockerfile:1.7'],
          ['escape', '`', 'ESCAPE', '`'],
        ],
      );
      assert.equal(escapeChar, '`');
      assert.equal(instructions.length, 1);
      assert.deepEqual(args(text, instructions[0]).map(([word]) => word), ['a', 'AS', 'b']);
    });

    it('stops at the first line that is not a known directive: a comment, a blank line, an instruction', () => {
      for (const text of [
        '# comment\n# escape=`\nFROM a\n',
        '\n# escape=`\nFROM a\n',
        '# unknown=1\n# escape=`\nFROM a\n',
        'FROM a\n# escape=`\n',
      ]) {
        const scanned = scanDockerfile(text);
        assert.equal(scanned.escapeChar, '\\', JSON.stringify(text));
        assert.deepEqual(
          scanned.directives.map((d) => d.name),
          [],
          JSON.stringify(text),
        );
      }
    });

    it('keeps the first of repeated directives and ignores an invalid escape', () => {
      const first = scanDockerfile('# syntax=a:1\n# syntax=b:2\nFROM x\n');
      assert.deepEqual(
        first.directives.map((d) => d.value),
        ['a:1'],
      );
      assert.equal(scanDockerfile('# escape=x\nFROM a\n').escapeChar, '\\');
    });

    it('with the backtick escape, a backslash at the end of a line is text', () => {
      const text = '# escape=`\nRUN dir C:\\\nFROM a\n';
      assert.deepEqual(keywords(text), ['RUN', 'FROM']);
      assert.deepEqual(args(text, only(text, 'RUN')).map(([word]) => word), ['dir', 'C:\\']);
    });
  });

  describe('flags', () => {
    it('reads leading --name=value flags with the value span', () => {
      const text = 'COPY --link --chown=1:1 --from=build /a /b\n';
      const copy = only(text, 'COPY');
      assert.deepEqual(
        copy.flags().map((f) => [f.name, f.value, at(text, f.span), at(text, f.valueSpan)]),
        [
          ['link', undefined, '--link', undefined],
          ['chown', '1:1', '--chown=1:1', '1:1'],
          ['from', 'build', '--from=build', 'build'],
        ],
      );
      assert.deepEqual(args(text, copy).map(([word]) => word), ['/a', '/b']);
    });

    it('removes quotes from values, which may hold blanks, and keeps the quoted span', () => {
      const text = 'RUN --mount="type=bind, from=img:1" --mount=type=cache,target=\'/a b\' make\n';
      const run = only(text, 'RUN');
      assert.deepEqual(
        run.flags().map((f) => [f.value, at(text, f.valueSpan)]),
        [
          ['type=bind, from=img:1', '"type=bind, from=img:1"'],
          ['type=cache,target=/a b', "type=cache,target='/a b'"],
        ],
      );
      const value = run.flags()[0].valueInLine;
      assert.ok(value);
      assert.equal(run.line.slice(value.start, value.end), '"type=bind, from=img:1"');
    });

    it('stops at the first word that does not start with --, and at a lone --', () => {
      const text = 'FROM --platform=$BUILDPLATFORM golang --foo AS build\nRUN --network=none -- --not-a-flag\n';
      const from = only(text, 'FROM');
      assert.deepEqual(
        from.flags().map((f) => f.name),
        ['platform'],
      );
      assert.deepEqual(args(text, from).map(([word]) => word), ['golang', '--foo', 'AS', 'build']);
      const run = only(text, 'RUN');
      assert.deepEqual(
        run.flags().map((f) => f.name),
        ['network'],
      );
      assert.deepEqual(args(text, run).map(([word]) => word), ['--not-a-flag']);
    });

    it('gives an empty value span right after = for an empty value', () => {
      const text = 'COPY --from= a b\n';
      const [flag] = only(text, 'COPY').flags();
      assert.equal(flag.value, '');
      assert.deepEqual(flag.valueSpan, { start: text.indexOf('=') + 1, end: text.indexOf('=') + 1 });
    });
  });

  describe('words', () => {
    it('splits FROM arguments on blanks only: quotes do not group', () => {
      const text = 'FROM "my image" AS x\n';
      assert.deepEqual(args(text, only(text, 'FROM')).map(([word]) => word), ['"my', 'image"', 'AS', 'x']);
    });

    it('splits ARG words like BuildKit: quotes and escapes keep blanks in a word', () => {
      const text = 'ARG A="x y" B=it\\ is C=\'1 2\' D\n';
      const arg = only(text, 'ARG');
      assert.deepEqual(
        arg.words().map((w) => [w.text, at(text, w.span), w.index]),
        [
          ['A="x y"', 'A="x y"', 4],
          ['B=it\\ is', 'B=it\\ is', 12],
          ["C='1 2'", "C='1 2'", 21],
          ['D', 'D', 29],
        ],
      );
    });

    it('maps line indexes back to the document across continuations', () => {
      const text = 'ARG A=x \\\n  B=y\\\nz\n';
      const arg = only(text, 'ARG');
      const [a, b] = arg.words();
      assert.equal(b.text, 'B=yz');
      assert.equal(at(text, b.span), 'B=y\\\nz');
      assert.equal(at(text, arg.spanOf(b.index + 2, b.index + b.text.length)), 'y\\\nz');
      assert.equal(at(text, arg.spanOf(a.index + 2, a.index + 2)), '');
      assert.equal(arg.offsetAt(arg.line.length), text.length - 1);
    });
  });

  describe('heredocs', () => {
    it('skips the body of a heredoc and records its span', () => {
      const text = 'RUN <<EOF\nFROM not-an-image\nEOF\nFROM a\n';
      const { instructions } = scanDockerfile(text);
      assert.deepEqual(
        instructions.map((i) => i.keyword),
        ['RUN', 'FROM'],
      );
      const [heredoc] = instructions[0].heredocs;
      assert.equal(heredoc.name, 'EOF');
      assert.equal(heredoc.chomp, false);
      assert.equal(heredoc.terminated, true);
      assert.equal(at(text, heredoc.span), '<<EOF');
      assert.equal(at(text, heredoc.body), 'FROM not-an-image\n');
    });

    it('reads several heredocs on one line, <<- with tabs, quoted names and CRLF', () => {
      const text =
        'COPY <<-"A" <<\'B\' <<C /dst/\r\n\tFROM x\r\n\tA\r\nFROM y\r\nB\r\nFROM z\r\nC\r\nFROM ok\r\n';
      const { instructions } = scanDockerfile(text);
      assert.deepEqual(
        instructions.map((i) => i.keyword),
        ['COPY', 'FROM'],
      );
      assert.deepEqual(
        instructions[0].heredocs.map((h) => [h.name, h.chomp, at(text, h.body)]),
        [
          ['A', true, '\tFROM x\r\n'],
          ['B', false, 'FROM y\r\n'],
          ['C', false, 'FROM z\r\n'],
        ],
      );
      assert.equal(at(text, instructions[1].args()[0].span), 'ok');
    });

    it('needs the terminator alone on its line; <<- removes tabs only', () => {
      const text = 'RUN <<EOF\n  EOF\n\tEOF\nEOF \nEOF\nFROM a\nRUN <<-END\n  END\nEND\nFROM b\n';
      assert.deepEqual(keywords(text), ['RUN', 'FROM', 'RUN', 'FROM']);
    });

    it('starts heredocs only for RUN, COPY and ADD (also after ONBUILD), not in the JSON form or in quotes', () => {
      assert.deepEqual(keywords('ONBUILD RUN <<EOF\nFROM a\nEOF\nFROM b\n'), ['ONBUILD', 'FROM']);
      assert.deepEqual(keywords('ADD <<EOF /x\nFROM a\nEOF\n'), ['ADD']);
      assert.deepEqual(keywords('ENV A=<<EOF\nFROM a\n'), ['ENV', 'FROM']);
      assert.deepEqual(keywords('RUN ["<<EOF"]\nFROM a\n'), ['RUN', 'FROM']);
      assert.deepEqual(keywords('RUN echo "<<EOF x"\nFROM a\n'), ['RUN', 'FROM']);
      assert.deepEqual(keywords('RUN cat<<EOF\nFROM a\n'), ['RUN', 'FROM']);
      assert.deepEqual(keywords('RUN 3<<EOF cat\nFROM a\nEOF\n'), ['RUN']);
    });

    it('reads the heredoc after a continued instruction line', () => {
      const text = 'RUN <<EOF \\\n  bash\nFROM a\nEOF\nFROM b\n';
      const { instructions } = scanDockerfile(text);
      assert.deepEqual(
        instructions.map((i) => i.keyword),
        ['RUN', 'FROM'],
      );
      assert.equal(at(text, instructions[0].heredocs[0].body), 'FROM a\n');
    });

    it('runs an unterminated heredoc to the end of the text', () => {
      const text = 'RUN <<EOF\nFROM a\n';
      const [heredoc] = only(text, 'RUN').heredocs;
      assert.equal(heredoc.terminated, false);
      assert.deepEqual(heredoc.body, { start: 10, end: text.length });
    });
  });

  it('never throws, and its spans stay inside the text, on random input', () => {
    const tokens = [
      'FROM ', 'run ', 'COPY ', 'ARG ', 'ONBUILD ', '--from=', '--mount=', '"', "'", '\\', '`', '\n', '\r\n', '\r', ' ',
      '\t', '#', '# escape=`\n', '# syntax=x\n', '<<EOF', '<<-EOF', 'EOF\n', '\tEOF\n', '[', ']', '\u0000', '\u00a0',
      'é', '\ufeff', 'a', 'A=b', '\\\n', '\\ \n',
    ];
    const document = fc.array(fc.constantFrom(...tokens), { maxLength: 40 }).map((parts) => parts.join(''));
    const inside = (text: string, span: Span | undefined) =>
      span === undefined || (0 <= span.start && span.start <= span.end && span.end <= text.length);
    fc.assert(
      fc.property(document, (text) => {
        const scanned = scanDockerfile(text);
        for (const directive of scanned.directives) assert.ok(inside(text, directive.valueSpan));
        for (const instruction of scanned.instructions) {
          assert.ok(inside(text, instruction.span) && inside(text, instruction.keywordSpan));
          for (const word of [...instruction.args(), ...instruction.words()]) {
            assert.ok(inside(text, word.span));
            if (!instruction.continued) assert.equal(at(text, word.span), word.text);
          }
          for (const flag of instruction.flags()) assert.ok(inside(text, flag.span) && inside(text, flag.valueSpan));
          for (const heredoc of instruction.heredocs) {
            assert.ok(inside(text, heredoc.span) && inside(text, heredoc.body));
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});

import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CliOptions } from './args';
import type { CommandIo } from './checkCommand';
import { findFiles } from './files';
import { writeAtomically } from './fix';
import type { CliSession } from './session';

/**
 * `imageref fix --update-digests [paths…] [--dry-run]`: every pinned digest whose tag (or tag comment) now points
 * elsewhere is replaced by the tag's digest; nothing else is touched. Exit 2 when a path could not be read (after
 * updating the others) or when offline (nothing can be updated), else 0.
 */
export async function updateDigestsCommand(options: CliOptions, session: CliSession, io: CommandIo): Promise<number> {
  if (!session.registry.client) {
    io.err('imageref: fix --update-digests needs the registry; it cannot run with --offline');
    return 2;
  }
  const found = findFiles(options.positionals);
  const { loaded, errors } = session.load(found.files);
  const inputErrors = [...found.missing, ...session.configErrors, ...errors];
  for (const line of inputErrors) io.err(`imageref: ${line}`);
  let updates = 0;
  let changedFiles = 0;
  for (const file of loaded) {
    const edits = await session.service.digestUpdates(file.document, file.settings, file.context);
    if (edits.length === 0) continue;
    for (const edit of edits) {
      const { line, character } = edit.range.start;
      const before = file.document.getText(edit.range);
      io.out(`${file.file}:${line + 1}:${character + 1}: stale-digest: ${before} → ${edit.newText}${options.dryRun ? ' (dry run)' : ''}`);
    }
    if (!options.dryRun) writeAtomically(file.file, TextDocument.applyEdits(file.document, edits));
    updates += edits.length;
    changedFiles++;
  }
  const count = `${updates} stale digest${updates === 1 ? '' : 's'}`;
  io.out(`${count} ${options.dryRun ? 'would be updated' : 'updated'} in ${changedFiles} of ${loaded.length} file${loaded.length === 1 ? '' : 's'}`);
  return inputErrors.length ? 2 : 0;
}

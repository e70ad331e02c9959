import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { loadExtractionContext, type FileBuildContextProvider } from '../host/buildContext';
import type { ImagerefLanguageService } from '../service/languageService';
import type { ImagerefSettings } from '../service/settings';
import type { ExtractionContext, FileKind } from '../service/types';
import { InputError, readSource, type SourceFile } from './files';

const LANGUAGE_IDS: Partial<Record<FileKind, string>> = {
  dockerfile: 'dockerfile', maven: 'xml', 'gradle-kotlin': 'kotlin', 'gradle-groovy': 'groovy', groovy: 'groovy',
  java: 'java', kotlin: 'kotlin', 'quarkus-properties': 'properties',
};

/** A build file read from disk, with what its analysis needs: the document and the build context around it. */
export interface LoadedFile {
  document: TextDocument;
  context: ExtractionContext;
}

/** Read one build file (an InputError when it cannot be a build file) and its build context. */
export function loadFile(source: SourceFile, provider: FileBuildContextProvider): LoadedFile {
  const text = source.text ?? readSource(source.path);
  const absolute = path.resolve(source.path);
  const document = TextDocument.create(pathToFileURL(absolute).toString(), LANGUAGE_IDS[source.kind] ?? 'yaml', 1, text);
  return { document, context: loadExtractionContext(absolute, source.kind, text, provider) };
}

/** What a check worker sends back for one file: the analysis, or why the file was not read. */
export type FileOutcome =
  | { text: string; uri: string; languageId: string; context: ExtractionContext; diagnostics: Diagnostic[]; references?: Array<{ text: string; range: Range } | undefined> }
  | { skipped: string };

/**
 * Load and diagnose one file offline, as a worker does: the whole outcome is plain data. `references`: also the
 * image reference each diagnostic is about (the JSON and SARIF reports print it).
 */
export function analyzeOffline(source: SourceFile, settings: ImagerefSettings, service: ImagerefLanguageService, provider: FileBuildContextProvider, references: boolean): FileOutcome {
  let loaded: LoadedFile;
  try {
    loaded = loadFile(source, provider);
  } catch (error) {
    if (error instanceof InputError) return { skipped: error.message };
    throw error;
  }
  const { document, context } = loaded;
  const diagnostics = service.validate(document, settings, context).diagnostics;
  const outcome: FileOutcome = {
    text: document.getText(), uri: document.uri, languageId: document.languageId, context, diagnostics,
    references: references ? diagnostics.map((d) => service.referenceAt(document, d.range, context)) : undefined,
  };
  service.forgetDocument(document.uri);
  return outcome;
}

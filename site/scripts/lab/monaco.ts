// The lab editor: Monaco with only the editor API, the TypeScript language and the
// contributions a learner uses (suggest, hover, parameter hints, find, comment, folding…),
// instead of `monaco-editor`'s full bundle. Loaded by dynamic import when a lab nears the
// viewport (see mount.ts). Workers are bundled by Vite (`?worker`): nothing comes from a CDN.
// https://github.com/microsoft/monaco-editor/blob/main/docs/integrate-esm.md
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import 'monaco-editor/esm/vs/editor/browser/coreCommands';
import 'monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/esm/vs/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/esm/vs/editor/contrib/codeAction/browser/codeActionContributions';
import 'monaco-editor/esm/vs/editor/contrib/comment/browser/comment';
import 'monaco-editor/esm/vs/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/esm/vs/editor/contrib/find/browser/findController';
import 'monaco-editor/esm/vs/editor/contrib/folding/browser/folding';
import 'monaco-editor/esm/vs/editor/contrib/format/browser/formatActions';
import 'monaco-editor/esm/vs/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/esm/vs/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/esm/vs/editor/contrib/indentation/browser/indentation';
import 'monaco-editor/esm/vs/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/esm/vs/editor/contrib/multicursor/browser/multicursor';
import 'monaco-editor/esm/vs/editor/contrib/parameterHints/browser/parameterHints';
import 'monaco-editor/esm/vs/editor/contrib/snippet/browser/snippetController2';
import 'monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/esm/vs/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode';
import 'monaco-editor/esm/vs/editor/contrib/wordHighlighter/browser/wordHighlighter';
import 'monaco-editor/esm/vs/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/esm/vs/editor/common/standaloneStrings';
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon-modifiers.css';
import 'monaco-editor/esm/vs/languages/definitions/typescript/register';
import { typescriptDefaults } from 'monaco-editor/esm/vs/language/typescript/monaco.contribution';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/esm/vs/language/typescript/ts.worker?worker';
import { EDITOR_COMPILER_OPTIONS } from './editor-options.ts';
import { loadTypings } from './typings.ts';
import type { CodeEditor, CodeMarker } from './editor.ts';

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker()),
};

typescriptDefaults.setCompilerOptions(EDITOR_COMPILER_OPTIONS as never);
typescriptDefaults.setEagerModelSync(true);

const siteTheme = () => (document.documentElement.dataset.theme === 'light' ? 'vs' : 'vs-dark');
monaco.editor.setTheme(siteTheme());
// Starlight switches themes by setting <html data-theme>; follow it at runtime.
new MutationObserver(() => monaco.editor.setTheme(siteTheme())).observe(document.documentElement, {
  attributes: true,
  attributeFilter: ['data-theme'],
});

export interface MonacoOptions {
  labId: string;
  fileName: string;
  packages: string[];
  value: string;
  /** Ctrl/Cmd+Enter inside the editor. */
  onSubmit: () => void;
  /** TypeScript diagnostics changed for this file. */
  onMarkers?: (markers: CodeMarker[]) => void;
}

/** Create an editor in `host`; typings for the lab's packages load in the background. */
export function createMonacoEditor(host: HTMLElement, opts: MonacoOptions): CodeEditor {
  const uri = monaco.Uri.parse(`file:///labs/${opts.labId}/${opts.fileName}`);
  const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(opts.value, 'typescript', uri);
  model.setValue(opts.value);
  const editor = monaco.editor.create(host, {
    model,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 14,
    tabSize: 2,
    fixedOverflowWidgets: true,
    ariaLabel: `Code editor for ${opts.fileName}. Press Control+M to toggle whether Tab moves focus out of the editor.`,
    accessibilitySupport: 'auto',
    scrollbar: { alwaysConsumeMouseWheel: false },
  });
  // addAction, not addCommand: commands are global, so with two labs on a page Ctrl+Enter
  // would submit whichever editor was created last.
  editor.addAction({
    id: 'keyspace.submit',
    label: 'Submit lab',
    keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
    run: () => opts.onSubmit(),
  });
  // Hints (unused variables…) are shown faded in the editor but not counted as problems.
  const markers = (): CodeMarker[] =>
    monaco.editor
      .getModelMarkers({ resource: uri })
      .filter((m) => m.severity >= monaco.MarkerSeverity.Warning)
      .map((m) => ({ line: m.startLineNumber, column: m.startColumn, message: m.message, severity: m.severity >= monaco.MarkerSeverity.Error ? 'error' : 'warning' }));
  monaco.editor.onDidChangeMarkers((uris) => {
    if (uris.some((u) => u.toString() === uri.toString())) opts.onMarkers?.(markers());
  });
  // Without typings the editor still works; diagnostics then flag the driver imports.
  loadTypings(opts.packages, (libs) => typescriptDefaults.setExtraLibs(libs)).catch((err) => console.warn('[keyspace]', err));
  return {
    getValue: () => model.getValue(),
    // pushEditOperations keeps Reset/Reveal undoable with Ctrl+Z.
    setValue: (text) => {
      editor.pushUndoStop();
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      editor.pushUndoStop();
    },
    focus: () => editor.focus(),
    onChange: (cb) => void model.onDidChangeContent(() => cb()),
    markers,
    revealLine: (line, column) => {
      editor.revealLineInCenter(line);
      editor.setPosition({ lineNumber: line, column });
    },
  };
}

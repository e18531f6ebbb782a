// Boots every lab panel on the page. Monaco is imported only when a panel comes within
// ~600 px of the viewport, so pages without labs, and readers who never scroll to one,
// never download it. https://developer.mozilla.org/docs/Web/API/Intersection_Observer_API
import { LabPanel } from './panel.ts';

let monacoModule: Promise<typeof import('./monaco.ts')> | undefined;

export function mountLabs(): void {
  const panels = [...document.querySelectorAll<HTMLElement>('section.ks-lab[data-lab-id]')]
    .filter((el) => !el.dataset.mounted)
    .map((el) => {
      el.dataset.mounted = 'true';
      return new LabPanel(el);
    });
  if (panels.length === 0) return;
  const upgrade = async (panel: LabPanel) => {
    try {
      monacoModule ??= import('./monaco.ts');
      const { createMonacoEditor } = await monacoModule;
      panel.adoptEditor((value) =>
        createMonacoEditor(panel.root.querySelector<HTMLElement>('[data-monaco]')!, {
          labId: panel.id,
          fileName: panel.fileName,
          packages: panel.packages,
          value,
          onSubmit: () => void panel.submit(),
          onMarkers: (markers) => panel.showProblems(markers),
        }),
      );
    } catch (err) {
      // The textarea keeps working; say why the rich editor is missing.
      console.error('[keyspace] editor failed to load', err);
      panel.root.dataset.editor = 'fallback';
    }
  };
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        const panel = panels.find((p) => p.root === entry.target);
        if (panel) void upgrade(panel);
      }
    },
    { rootMargin: '600px 0px' },
  );
  for (const p of panels) observer.observe(p.root);
}

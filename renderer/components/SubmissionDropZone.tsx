import { useEffect, useId, useState, type ChangeEvent, type DragEvent } from 'react';

function isFileDrag(event: DragEvent<HTMLElement>): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/**
 * Where submission PDFs come in: dropped on the box, or chosen with the file button (the
 * keyboard way in, and the way for anyone who cannot drag).
 */
export function SubmissionDropZone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const ids = useId();
  const [dragging, setDragging] = useState(false);

  // A file dropped beside the box would otherwise be opened by the browser in place of the app.
  useEffect(() => {
    const ignoreStrayFileDrop = (event: globalThis.DragEvent) => {
      if (Array.from(event.dataTransfer?.types ?? []).includes('Files')) event.preventDefault();
    };
    window.addEventListener('dragover', ignoreStrayFileDrop);
    window.addEventListener('drop', ignoreStrayFileDrop);
    return () => {
      window.removeEventListener('dragover', ignoreStrayFileDrop);
      window.removeEventListener('drop', ignoreStrayFileDrop);
    };
  }, []);

  const onChoose = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    // Clear the input so choosing the same file again is still a change.
    event.target.value = '';
    onFiles(files);
  };
  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!isFileDrag(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDragLeave = (event: DragEvent<HTMLDivElement>) => {
    const next = event.relatedTarget;
    if (next instanceof Node && event.currentTarget.contains(next)) return;
    setDragging(false);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    onFiles(Array.from(event.dataTransfer?.files ?? []));
  };

  return (
    <div
      className={`drop-zone${dragging ? ' drop-zone--active' : ''}`}
      role="region"
      aria-labelledby={`${ids}-title`}
      onDragEnter={onDragOver}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <p className="drop-zone__title" id={`${ids}-title`}>
        Drop submission PDFs here
      </p>
      <p className="hint" id={`${ids}-hint`}>
        Drag one or many submission files from a folder and drop them in this box, or use the button to choose them. Each file is checked
        before anything is kept; you can go on working while they are checked.
      </p>
      <div className="field">
        <label htmlFor={`${ids}-files`}>Choose submission PDFs</label>
        <input
          id={`${ids}-files`}
          type="file"
          multiple
          accept="application/pdf,.pdf"
          aria-describedby={`${ids}-hint`}
          onChange={onChoose}
        />
      </div>
    </div>
  );
}

import { useEffect, useId, useState, type ChangeEvent, type DragEvent, type ReactNode } from 'react';

function isFileDrag(event: { dataTransfer: DataTransfer | null }): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/**
 * A box that files are dropped on, with a file button inside it (the keyboard way in, and the
 * way for anyone who cannot drag). While it is on the page, a file dropped beside it is ignored,
 * instead of the browser opening it in place of the app.
 */
export function FileDropZone({
  title,
  hint,
  chooseLabel,
  accept,
  disabled = false,
  onFiles,
}: {
  /** The box's name, shown as its title. */
  title: string;
  hint: ReactNode;
  /** The file button's label. */
  chooseLabel: string;
  accept?: string;
  /** Turns off the file button (a drop still calls onFiles, which can say why it waits). */
  disabled?: boolean;
  onFiles: (files: File[]) => void;
}) {
  const ids = useId();
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const ignoreStrayFileDrop = (event: globalThis.DragEvent) => {
      if (isFileDrag(event)) event.preventDefault();
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
        {title}
      </p>
      <p className="hint" id={`${ids}-hint`}>
        {hint}
      </p>
      <div className="field">
        <label htmlFor={`${ids}-files`}>{chooseLabel}</label>
        <input
          id={`${ids}-files`}
          type="file"
          multiple
          accept={accept}
          aria-describedby={`${ids}-hint`}
          onChange={onChoose}
          disabled={disabled}
        />
      </div>
    </div>
  );
}

/**
 * A labelled file chooser for one file at a time. The chooser is emptied as soon as a file is
 * picked, so choosing the same file again (after a refusal, or to check it once more) is seen.
 */
export function FileChooserField({
  id,
  label,
  accept,
  disabled,
  onFile,
}: {
  id: string;
  label: string;
  accept: string;
  disabled: boolean;
  onFile: (file: File) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept={accept}
        disabled={disabled}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </div>
  );
}

import { fingerprintReadingLines } from '../../shared/moderation/first-use-trust';

/** A whole SHA-256 fingerprint in groups of four, eight groups a line, to read aloud and compare. */
export function Fingerprint({ hex }: { hex: string }) {
  return (
    <code className="hash fingerprint-reading">
      {fingerprintReadingLines(hex).map((line, index) => (
        <span key={index}>
          {index > 0 ? <br /> : null}
          {line}
        </span>
      ))}
    </code>
  );
}

/** The bytes of a chosen file, or null if it could not be read. */
export async function bytesOfFile(file: File): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch {
    return null;
  }
}

export const UNREADABLE_FILE =
  'The file could not be read. Check that it is still where it was and that you can open it, then choose it again.';

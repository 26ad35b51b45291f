import { useId } from 'react';
import { fingerprintReadingLines } from '../../../shared/moderation/first-use-trust';

/**
 * What a school does with the signed PDF it has just exported: how to send it, not to change it,
 * to keep a copy, and the certificate fingerprint to read to the moderator the first time.
 */
export function ExportedFileGuidance({ fileName, fingerprint }: { fileName: string; fingerprint: string }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="panel" data-testid="exported-file-guidance">
      <h2 id={headingId}>What to do with this file</h2>
      <ol>
        <li>
          <strong>Send it to your regional moderator</strong> in the way your partnership asks: by secure email, through the partnership’s
          shared folder, or on a USB stick handed over in person.
        </li>
        <li>
          <strong>Do not open and save, rename inside, or edit {fileName}.</strong> Any change to its contents breaks the school’s
          signature, and the moderator will not be able to accept it. If something needs correcting, change the evaluation here and export a
          new version.
        </li>
        <li>
          <strong>Keep a copy</strong> somewhere safe, such as the school’s shared drive, in case the moderator asks for it again.
        </li>
        <li>
          <strong>If this is your school’s first submission to this moderator</strong>, phone them and read out your certificate’s
          fingerprint, so they know the file really came from you. They check it against the one in the file, group by group.
        </li>
      </ol>
      <p>
        Your certificate’s fingerprint (SHA-256):
        <br />
        <code className="hash fingerprint-reading" data-testid="exported-fingerprint">
          {fingerprintReadingLines(fingerprint).map((line, index) => (
            <span key={index}>
              {index > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </code>
      </p>
    </section>
  );
}

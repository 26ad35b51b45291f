import { useState } from 'react';
import { useServices } from '../app/app-context';
import { href } from '../app/hash-route';
import { LoadingOrMissing } from '../app/NotFoundScreen';
import { usePartnership } from '../db/partnership-queries';
import { rootCertificateFile } from '../db/partnership-store';
import { describeStorageError } from '../db/storage-errors';
import { rootCertificateFileName } from '../../shared/partnership/partnership-register';
import { Layout } from '../ui/Layout';
import { PageHeading } from '../ui/PageHeading';
import { StatusMessage } from '../ui/StatusMessage';
import { Fingerprint } from './Fingerprint';
import { IssueCertificatePanel } from './IssueCertificatePanel';
import { IssuedCertificatesRegister } from './IssuedCertificatesRegister';
import { RevocationListPanel } from './RevocationListPanel';

/**
 * A partnership's workspace: its root certificate (to export for moderators to pin), issuing
 * certificates from request files, the register of those issued (with revocation) and the signed
 * revocation list it publishes.
 */
export function PartnershipScreen({ partnershipId }: { partnershipId: string }) {
  const { db, platform } = useServices();
  const found = usePartnership(db, partnershipId);
  const [saved, setSaved] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  if (found === undefined) return <LoadingOrMissing state="loading" what="partnership" />;
  if (found === null) return <LoadingOrMissing state="missing" what="partnership" />;
  const { partnership, hasKey } = found;

  const exportRoot = async (format: 'pem' | 'der') => {
    setSaved(null);
    const fileName = rootCertificateFileName(partnership, format);
    try {
      const result = await platform.saveFile(fileName, await rootCertificateFile(db, partnership.id, format));
      setSaved(
        result === 'saved'
          ? {
              kind: 'success',
              text: `Saved ${fileName}. Send it to your moderators with the fingerprint, which they check with you before pinning it.`,
            }
          : { kind: 'success', text: 'Not saved.' },
      );
    } catch (error) {
      setSaved({ kind: 'error', text: describeStorageError(error, fileName) });
    }
  };

  return (
    <Layout workspaceName={partnership.name}>
      <PageHeading title={partnership.name}>{partnership.name}</PageHeading>
      <p className="lead">
        {partnership.region}. This workspace certifies the keys your schools and moderators sign with. A moderator who has pinned your root
        certificate sees their files as certified by the {partnership.name}.
      </p>
      <p>
        <a href={href.partnershipOverview(partnership.id)}>Regional overview and the shared folder</a>: the region’s schools, renewals,
        moderation and agreement between moderators, from the folder your schools and moderators share.
      </p>
      {hasKey ? null : (
        <StatusMessage kind="warning">
          This partnership’s signing key is not on this computer (signing keys never leave the computer they were made on, and are not in
          backups), so it cannot issue or revoke certificates here. The register below is kept as it was.
        </StatusMessage>
      )}
      <section aria-labelledby="root-heading" className="panel">
        <h2 id="root-heading">Root certificate</h2>
        <p>
          Moderators pin this certificate in their workspace details. Read them its fingerprint (SHA-256) so they can check the file they
          pin is yours:
        </p>
        <p>
          <Fingerprint hex={partnership.rootFingerprint} />
        </p>
        {hasKey ? (
          <div className="button-row">
            <button type="button" className="button" onClick={() => void exportRoot('pem')}>
              Save the root certificate (.pem)
            </button>
            <button type="button" className="button button--secondary" onClick={() => void exportRoot('der')}>
              Save it as DER (.cer)
            </button>
          </div>
        ) : null}
        {saved ? <StatusMessage kind={saved.kind}>{saved.text}</StatusMessage> : null}
      </section>
      {hasKey ? <IssueCertificatePanel partnershipId={partnership.id} /> : null}
      <IssuedCertificatesRegister partnershipId={partnership.id} canRevoke={hasKey} />
      {hasKey ? <RevocationListPanel partnership={partnership} /> : null}
    </Layout>
  );
}

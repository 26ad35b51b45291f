import { useState } from 'react';
import { frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { useServices } from '../app/app-context';
import { useColleaguePackDraftItems, useColleagueProfiles } from '../db/colleague-queries';
import { Layout } from '../ui/Layout';
import { PageHeading } from '../ui/PageHeading';
import { StatusMessage } from '../ui/StatusMessage';
import { ColleagueDetailsForm } from './ColleagueDetailsForm';
import { EvidencePackBuilder, type PackMaker } from './EvidencePackBuilder';

/**
 * A class teacher's or teaching assistant's way to send evidence to the SENCO: their details (kept
 * on this computer, no school workspace needed), the files with what they say about each, and a
 * signed evidence pack PDF to send by any file transfer.
 */
export function ColleagueScreen({ makePack }: { makePack?: PackMaker }) {
  const { db, catalogue, regions } = useServices();
  const profiles = useColleagueProfiles(db);
  const [editing, setEditing] = useState(false);
  const profile = profiles?.[0] ?? null;
  const framework = profile ? frameworkForRegion(catalogue, profile.regionId) : null;
  const draftItems = useColleaguePackDraftItems(db, profile?.id ?? null);
  return (
    <Layout>
      <PageHeading title="Contribute evidence to your SENCO">Contribute evidence to your SENCO</PageHeading>
      <p className="lead">
        Gather the files that show your school’s SEN provision at work (observations, pupil voice, plans, minutes), say what each one is and
        which criteria it may be evidence for, and make one signed evidence pack for your SENCO.
      </p>
      {profiles === undefined ? (
        <p role="status">Loading…</p>
      ) : !profile || editing ? (
        <ColleagueDetailsForm profile={profile} onSaved={() => setEditing(false)} />
      ) : (
        <section aria-labelledby="colleague-details-heading">
          <h2 id="colleague-details-heading">Your details</h2>
          <dl className="summary-list">
            <div>
              <dt>Name</dt>
              <dd>{profile.name}</dd>
            </div>
            <div>
              <dt>Role</dt>
              <dd>{profile.role}</dd>
            </div>
            <div>
              <dt>School</dt>
              <dd>
                {profile.schoolName} (URN {profile.urn}), {regions.find((r) => r.id === profile.regionId)?.name ?? 'unknown region'}
              </dd>
            </div>
          </dl>
          <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
            Change your details
          </button>
        </section>
      )}
      {profile && !editing && framework ? (
        framework.ok ? (
          draftItems?.profileId !== profile.id ? (
            <p role="status">Loading your pack…</p>
          ) : (
            <EvidencePackBuilder profile={profile} framework={framework.framework} makePack={makePack} initialItems={draftItems.items} />
          )
        ) : (
          <StatusMessage kind="error">{framework.message}</StatusMessage>
        )
      ) : null}
    </Layout>
  );
}

import { validateModeratorDetails, type ModeratorDetails, type ModeratorField } from '../../../shared/moderation/moderator-workspace';
import { useServices } from '../../app/app-context';
import { href, navigate } from '../../app/hash-route';
import { FormField } from '../../ui/FormField';
import { ModeratorWorkspaceLayout } from './ModeratorWorkspaceLayout';
import { PartnershipCertificates } from './PartnershipCertificates';
import { WorkspaceCertificatePanel } from '../../partnership/WorkspaceCertificatePanel';
import { moderatorSigningSubject } from '../../db/signing-key-store';
import { PageHeading } from '../../ui/PageHeading';
import { useModeratorWorkspaceRecord } from '../../db/moderator-queries';
import { createModeratorWorkspace, updateModeratorWorkspace } from '../../db/moderator-store';
import { useHasSigningKey } from '../../db/signing-key-queries';
import { FormProblems } from '../../ui/FormMessages';
import { useFillOnce, useValidatedForm } from '../../ui/use-validated-form';
import { LoadingOrMissing } from '../../app/NotFoundScreen';

const EMPTY: ModeratorDetails = { moderatorName: '', organisation: '', regionId: '' };
const FIELD_ORDER: ModeratorField[] = ['moderatorName', 'regionId', 'organisation'];
const fieldId = (field: ModeratorField) => `moderator-${field}`;

/** Sets up a moderator workspace (the role is chosen here, once), or edits its details. */
export function ModeratorWorkspaceFormScreen({ workspaceId }: { workspaceId?: string }) {
  const { db, regions } = useServices();
  const existing = useModeratorWorkspaceRecord(db, workspaceId);
  const hasKey = useHasSigningKey(db, workspaceId);
  const validated = useValidatedForm({
    defaultValues: EMPTY,
    fields: FIELD_ORDER,
    linkTarget: fieldId,
    prepare: (values: ModeratorDetails) => values,
    validate: (values) => validateModeratorDetails(values, regions),
    whatIsSaved: 'the moderator workspace',
    onValid: async (values) => {
      if (workspaceId) {
        await updateModeratorWorkspace(db, workspaceId, values);
        navigate(href.moderationQueue(workspaceId));
      } else {
        const workspace = await createModeratorWorkspace(db, values);
        navigate(href.moderationQueue(workspace.id));
      }
    },
  });
  const { errors, onSubmit } = validated;
  const { register, getValues, setValue } = validated.form;
  const loaded = useFillOnce(
    validated.form,
    existing,
    (stored) => ({ moderatorName: stored.moderatorName, organisation: stored.organisation, regionId: stored.regionId }),
    Boolean(workspaceId),
  );

  if (workspaceId && (existing === undefined || (existing && !loaded)))
    return <LoadingOrMissing state="loading" what="moderator workspace" />;
  if (workspaceId && existing === null) return <LoadingOrMissing state="missing" what="moderator workspace" />;

  const title = workspaceId ? 'Moderator workspace details' : 'Set up a moderator workspace';

  return (
    <ModeratorWorkspaceLayout workspace={existing ?? null} current="details">
      <PageHeading title={title}>{title}</PageHeading>
      <FormProblems of={validated} />
      {workspaceId ? null : (
        <p className="lead">
          A moderator workspace is where you import schools’ signed submissions, check them and record your moderation. It is kept apart
          from any school on this computer, and it has its own signing key for the reports you send back.
        </p>
      )}
      <form onSubmit={onSubmit} noValidate className="form">
        <fieldset>
          <legend>You and your organisation</legend>
          <FormField
            id={fieldId('moderatorName')}
            label="Your name"
            hint="As it will appear on your moderation reports and on your signing certificate."
            error={errors.moderatorName}
          >
            {(control) => <input {...control} type="text" autoComplete="name" spellCheck={false} {...register('moderatorName')} />}
          </FormField>
          <FormField id={fieldId('regionId')} label="Region you moderate" error={errors.regionId}>
            {(control) => (
              <select
                {...control}
                {...register('regionId', {
                  // The region's partnership is the usual organisation: offer it when the box is empty.
                  onChange: (event: { target: { value: string } }) => {
                    const region = regions.find((r) => r.id === event.target.value);
                    if (region && getValues('organisation').trim() === '') setValue('organisation', region.partnership);
                  },
                })}
              >
                <option value="">Choose a region</option>
                {regions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField
            id={fieldId('organisation')}
            label="Organisation"
            hint="For example, your regional SEN partnership. Choosing the region fills this in when it is empty."
            error={errors.organisation}
          >
            {(control) => <input {...control} type="text" autoComplete="organization" {...register('organisation')} />}
          </FormField>
        </fieldset>
        {workspaceId && hasKey ? (
          <p className="notice">
            Your signing certificate names you and your organisation. If you change either, a new certificate (with a new fingerprint) is
            issued for the same key when you next sign a report.
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button">
            {workspaceId ? 'Save changes' : 'Set up moderator workspace'}
          </button>
          <a href={workspaceId ? href.moderationQueue(workspaceId) : href.home()}>Cancel</a>
        </div>
      </form>
      {workspaceId ? <PartnershipCertificates workspaceId={workspaceId} /> : null}
      {existing ? <WorkspaceCertificatePanel subject={moderatorSigningSubject(existing)} /> : null}
    </ModeratorWorkspaceLayout>
  );
}

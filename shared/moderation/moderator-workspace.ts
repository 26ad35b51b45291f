import type { Region } from '../regions/regions';
import type { ModeratorWorkspace } from './moderation-records';

/** What a moderator types when setting up a workspace: the names that go on their certificate and reports. */
export type ModeratorDetails = Pick<ModeratorWorkspace, 'moderatorName' | 'organisation' | 'regionId'>;
export type ModeratorField = keyof ModeratorDetails;
export type ModeratorErrors = Partial<Record<ModeratorField, string>>;

/** Long enough for any real name; a certificate's common name is limited to 64 characters. */
export const MAX_MODERATOR_NAME = 64;
export const MAX_ORGANISATION_NAME = 64;

/** Checks a moderator's details and explains each problem in words for the field it belongs to. */
export function validateModeratorDetails(details: ModeratorDetails, regions: readonly Region[]): ModeratorErrors {
  const errors: ModeratorErrors = {};
  const name = details.moderatorName.trim();
  const organisation = details.organisation.trim();
  if (name === '') errors.moderatorName = 'Enter your name';
  else if (name.length > MAX_MODERATOR_NAME) errors.moderatorName = `Your name must be ${MAX_MODERATOR_NAME} characters or fewer`;
  if (organisation === '') errors.organisation = 'Enter the name of your organisation, for example your regional SEN partnership';
  else if (organisation.length > MAX_ORGANISATION_NAME) {
    errors.organisation = `The organisation’s name must be ${MAX_ORGANISATION_NAME} characters or fewer`;
  }
  if (!regions.some((r) => r.id === details.regionId)) errors.regionId = 'Choose the region you moderate';
  return errors;
}

/** The details as they are stored: surrounding spaces removed. */
export function cleanModeratorDetails(details: ModeratorDetails): ModeratorDetails {
  return { moderatorName: details.moderatorName.trim(), organisation: details.organisation.trim(), regionId: details.regionId };
}

/** "Jo Bloggs, North East SEN Partnership" */
export function moderatorWorkspaceName(workspace: ModeratorDetails): string {
  return `${workspace.moderatorName}, ${workspace.organisation}`;
}

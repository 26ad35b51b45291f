import { describe, expect, it } from 'vitest';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { cleanModeratorDetails, moderatorWorkspaceName, validateModeratorDetails } from '../../shared/moderation/moderator-workspace';

describe('validateModeratorDetails', () => {
  it('accepts a name, an organisation and a known region', async () => {
    const { regions } = await loadShippedData();
    expect(
      validateModeratorDetails(
        { moderatorName: 'Jo Bloggs', organisation: 'North East SEN Regional Partnership', regionId: 'north-east' },
        regions,
      ),
    ).toEqual({});
  });

  it('explains every missing or wrong field in words', async () => {
    const { regions } = await loadShippedData();
    expect(validateModeratorDetails({ moderatorName: '  ', organisation: '', regionId: 'atlantis' }, regions)).toEqual({
      moderatorName: 'Enter your name',
      organisation: 'Enter the name of your organisation, for example your regional SEN partnership',
      regionId: 'Choose the region you moderate',
    });
  });

  it('refuses names too long for a certificate', async () => {
    const { regions } = await loadShippedData();
    const errors = validateModeratorDetails(
      { moderatorName: 'x'.repeat(65), organisation: 'y'.repeat(65), regionId: 'south-west' },
      regions,
    );
    expect(errors.moderatorName).toBe('Your name must be 64 characters or fewer');
    expect(errors.organisation).toBe('The organisation’s name must be 64 characters or fewer');
  });

  it('stores names without surrounding spaces, and names the workspace by person and organisation', () => {
    const details = cleanModeratorDetails({ moderatorName: ' Jo Bloggs ', organisation: ' SCRIP ', regionId: 'south-central' });
    expect(details).toEqual({ moderatorName: 'Jo Bloggs', organisation: 'SCRIP', regionId: 'south-central' });
    expect(moderatorWorkspaceName(details)).toBe('Jo Bloggs, SCRIP');
  });
});

import { frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { glossariesInUse } from '../../shared/framework/glossary-terms';
import { useServices } from '../app/app-context';
import { useRegionsInUse } from '../db/use-regions-in-use';
import { GlossaryList } from '../ui/GlossaryTermsUsed';

/**
 * The glossary of each framework in use on this computer (the current edition of the region of
 * each school and moderator's workspace; of every region before there is one), terms in
 * alphabetical order. A framework without a glossary, as the historic editions are, adds nothing.
 */
export function FrameworkGlossaries() {
  const { catalogue } = useServices();
  const inUse = useRegionsInUse();
  if (inUse === undefined) return <p role="status">Loading the glossary…</p>;
  const regionIds = inUse.length > 0 ? inUse : catalogue.regions.map((r) => r.id);
  const frameworks = regionIds.flatMap((id) => {
    const found = frameworkForRegion(catalogue, id);
    return found.ok ? [found.framework] : [];
  });
  const glossaries = glossariesInUse(frameworks);
  if (glossaries.length === 0) return null;
  return (
    <section aria-labelledby="glossary-heading" data-testid="glossary">
      <h2 id="glossary-heading">Glossary</h2>
      <p>What the words in the criteria mean. The same words are explained on each criterion that uses them.</p>
      {glossaries.map((glossary, i) => (
        <section key={glossary.title} aria-labelledby={`glossary-${i}`}>
          <h3 id={`glossary-${i}`}>{glossary.title}</h3>
          <GlossaryList entries={glossary.entries} />
        </section>
      ))}
    </section>
  );
}

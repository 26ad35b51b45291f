import {
  READING_SETTING_DESCRIPTIONS,
  READING_SETTINGS,
  type ReadingSetting,
  type ReadingSettingDescription,
} from './reading-comfort/reading-preferences';
import { useReadingPreferences } from './reading-comfort/use-reading-preferences';

/** Settings › Reading comfort: font, text size, line spacing, tint, colours and motion, applied at once and kept on this computer. */
export function ReadingComfortSettings() {
  const { preferences, announcement, change, reset } = useReadingPreferences();
  return (
    <section aria-labelledby="reading-comfort-heading" className="reading-comfort">
      <h2 id="reading-comfort-heading">Reading comfort</h2>
      <p className="reading-comfort__intro">
        Choose how the app looks on this computer. Each change applies at once and is remembered here, for everyone who uses the app on this
        computer.
      </p>
      <div className="reading-comfort__options">
        {READING_SETTINGS.map((setting) => (
          <ReadingChoice
            key={setting}
            description={READING_SETTING_DESCRIPTIONS[setting]}
            value={preferences[setting]}
            onChange={(value) => change(setting, value)}
          />
        ))}
      </div>
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={reset}>
          Reset reading settings to defaults
        </button>
      </div>
      <div role="status" aria-live="polite">
        {announcement ? (
          <p key={announcement.count} className="notice notice--success">
            {announcement.text}
          </p>
        ) : null}
      </div>
    </section>
  );
}

function ReadingChoice({
  description,
  value,
  onChange,
}: {
  description: ReadingSettingDescription<ReadingSetting>;
  value: string;
  onChange: (value: string) => void;
}) {
  const name = `reading-${description.setting}`;
  const hintId = description.hint ? `${name}-hint` : undefined;
  return (
    <fieldset aria-describedby={hintId}>
      <legend>{description.legend}</legend>
      {description.hint ? (
        <p className="hint" id={hintId}>
          {description.hint}
        </p>
      ) : null}
      {description.options.map((option) => {
        const id = `${name}-${option.value}`;
        const optionHintId = option.hint ? `${id}-hint` : undefined;
        return (
          <div className={`radio reading-comfort__option--${description.setting}-${option.value}`} key={option.value}>
            <input
              type="radio"
              id={id}
              name={name}
              value={option.value}
              checked={value === option.value}
              aria-describedby={optionHintId}
              onChange={() => onChange(option.value)}
            />
            <label htmlFor={id}>{option.label}</label>
            {option.hint ? (
              <p className="hint" id={optionHintId}>
                {option.hint}
              </p>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}

// The fonts a reader can choose in Settings › Reading comfort, bundled from npm (SIL Open Font
// Licence 1.1), latin subset, regular and bold only. These are only @font-face rules: the browser
// fetches a font file (from the app itself, never the network) only when the chosen font is used.
import '@fontsource/atkinson-hyperlegible/latin-400.css';
import '@fontsource/atkinson-hyperlegible/latin-700.css';
import '@fontsource/opendyslexic/latin-400.css';
import '@fontsource/opendyslexic/latin-700.css';
import '@fontsource/lexend/latin-400.css';
import '@fontsource/lexend/latin-700.css';

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FilePreview, type FileRead } from '../../renderer/ui/FilePreview';
import { fileNameBytes } from '../../shared/formats/safe-file-name';
import { recordingPlatform, renderWithServices } from './render-app';

const HTML = '<!doctype html><html><body><script>window.parent.hacked = true</script><p>Click here</p></body></html>';
const PDF_BYTES = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** The object URLs the preview made, with the type of each blob it made them from. */
function watchObjectUrls(): string[] {
  const types: string[] = [];
  const original = URL.createObjectURL.bind(URL);
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob: Blob | MediaSource) => {
    types.push(blob instanceof Blob ? blob.type : 'media-source');
    return original(blob);
  });
  return types;
}

async function preview(name: string, blob: Blob, platform = recordingPlatform()) {
  const read = async (): Promise<FileRead> => ({ ok: true, blob });
  await renderWithServices(
    <main>
      <FilePreview name={name} title="The file" loadingText="Loading the preview…" read={read} />
    </main>,
    { platform },
  );
  await waitFor(() => {
    expect(document.querySelector('.evidence-preview')).not.toBeNull();
    expect(screen.queryByText('Loading the preview…')).toBeNull();
  });
  return platform;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('FilePreview decides what to show from the bytes', () => {
  it('never puts HTML named .pdf and typed application/pdf in a frame: it shows its text', async () => {
    const urls = watchObjectUrls();
    await preview('policy.pdf', new Blob([HTML], { type: 'application/pdf' }));
    expect(document.querySelector('iframe')).toBeNull();
    expect(document.querySelector('script')).toBeNull();
    expect(screen.getByRole('region', { name: 'Text of The file' }).textContent).toBe(HTML);
    expect(urls).toEqual([]);
  });

  it('never shows SVG named .png and typed image/png as an image', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>';
    await preview('chart.png', new Blob([svg], { type: 'image/png' }));
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('svg')).toBeNull();
    expect(screen.getByRole('region', { name: 'Text of The file' }).textContent).toBe(svg);
  });

  it('frames a real PDF, whatever its name and type, as application/pdf', async () => {
    const urls = watchObjectUrls();
    await preview('notes.txt', new Blob([PDF_BYTES], { type: 'text/html' }));
    expect(screen.getByTitle('Preview of The file').tagName).toBe('IFRAME');
    expect(urls).toEqual(['application/pdf']);
  });

  it('shows a real PNG typed text/html as an image of type image/png', async () => {
    const urls = watchObjectUrls();
    await preview('photo', new Blob([PNG_BYTES], { type: 'text/html' }));
    expect(screen.getByRole('img', { name: 'The file' })).toBeTruthy();
    expect(urls).toEqual(['image/png']);
  });

  it('offers no preview, only a copy, for bytes it does not know', async () => {
    await preview('data.pdf', new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])], { type: 'application/pdf' }));
    expect(screen.getByText('No preview for this kind of file. Save a copy to open it in another program.')).toBeTruthy();
    expect(document.querySelector('iframe, img, pre')).toBeNull();
    expect(screen.getByRole('button', { name: 'Save a copy of data.pdf' })).toBeTruthy();
  });

  it('shows the start of a long text file, cut on a whole character', async () => {
    // 'é' is two bytes: the sample ends inside the last one.
    await preview('long.txt', new Blob(['a', 'é'.repeat(150 * 1024)], { type: 'text/plain' }));
    const text = screen.getByRole('region', { name: 'Text of The file' }).textContent ?? '';
    // 200 KB read: 'a' and 102,399 whole 'é', the half of the next one left out.
    expect(text).toBe(`a${'é'.repeat(102_399)}`);
    expect(screen.getByText('This shows the start of the file only. Save a copy to read all of it.')).toBeTruthy();
  });
});

describe('Save a copy', () => {
  it('saves under a name with no bidi override', async () => {
    const user = userEvent.setup();
    const platform = await preview('invoice\u202Efdp.exe', new Blob(['hello'], { type: 'text/plain' }));
    await user.click(screen.getByRole('button', { name: 'Save a copy of invoicefdp.exe' }));
    expect(await screen.findByText('Saved a copy of “invoicefdp.exe”.')).toBeTruthy();
    expect(platform.saved.map((s) => s.name)).toEqual(['invoicefdp.exe']);
  });

  it('saves a Windows device name under a prefixed name', async () => {
    const user = userEvent.setup();
    const platform = await preview('CON.pdf', new Blob([PDF_BYTES]));
    await user.click(screen.getByRole('button', { name: /^Save a copy/ }));
    await screen.findByText('Saved a copy of “_CON.pdf”.');
    expect(platform.saved.map((s) => s.name)).toEqual(['_CON.pdf']);
  });

  it('shortens a name over 255 bytes instead of refusing it, keeping the extension', async () => {
    const user = userEvent.setup();
    const platform = await preview(`${'Annual review '.repeat(40)}.txt`, new Blob(['hello'], { type: 'text/plain' }));
    await user.click(screen.getByRole('button', { name: /^Save a copy/ }));
    await screen.findByText(/^Saved a copy of/);
    const [saved] = platform.saved;
    expect(saved?.name.endsWith('.txt')).toBe(true);
    expect(fileNameBytes(saved?.name ?? '')).toBeLessThanOrEqual(255);
  });
});

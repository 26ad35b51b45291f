import { render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { PlatformPort } from '../../renderer/platform/platform-port';
import { useMenuCommands, type MenuCommandHandlers } from '../../renderer/platform/use-menu-commands';
import { createWebPlatform } from '../../renderer/platform/web-platform';
import type { MenuCommand } from '../../shared/desktop/menu-commands';

function desktop() {
  const subscribers = new Set<(command: MenuCommand) => void>();
  const unsubscribed = vi.fn();
  const platform: PlatformPort = {
    ...createWebPlatform('0.1.0'),
    kind: 'desktop',
    onMenuCommand(callback) {
      subscribers.add(callback);
      return () => {
        subscribers.delete(callback);
        unsubscribed();
      };
    },
  };
  const choose = (command: MenuCommand) => subscribers.forEach((subscriber) => subscriber(command));
  return { platform, choose, subscribers, unsubscribed };
}

function Probe({ platform, handlers }: { platform: PlatformPort; handlers: MenuCommandHandlers }) {
  useMenuCommands(platform, handlers);
  return null;
}

describe('useMenuCommands', () => {
  it('runs the handler of each chosen command, with the latest handlers, and unsubscribes on unmount', () => {
    const { platform, choose, subscribers, unsubscribed } = desktop();
    const first = vi.fn();
    const view = render(<Probe platform={platform} handlers={{ 'print-portfolio': first }} />);
    choose('print-portfolio');
    choose('back-up'); // no handler: ignored
    expect(first).toHaveBeenCalledTimes(1);

    const second = vi.fn();
    view.rerender(<Probe platform={platform} handlers={{ 'print-portfolio': second }} />);
    expect(subscribers.size).toBe(1); // new handlers, same subscription
    choose('print-portfolio');
    expect(second).toHaveBeenCalledTimes(1);
    expect(first).toHaveBeenCalledTimes(1);

    view.unmount();
    expect(unsubscribed).toHaveBeenCalledTimes(1);
    expect(subscribers.size).toBe(0);
  });

  it('does nothing on the web, which has no native menus', () => {
    const web = createWebPlatform('0.1.0');
    expect(web.onMenuCommand).toBeUndefined();
    const view = render(<Probe platform={web} handlers={{ 'new-evaluation': vi.fn() }} />);
    view.unmount();
  });
});

import * as vscode from 'vscode';
import type { StatusParams } from './protocol';

/**
 * One status bar item driven by the server's `imageref/status` notification:
 * a spinner with the number of pending look-ups while resolving, a warning when a registry is unreachable or
 * rate limiting, a quiet marker when offline, and nothing at all when idle.
 */
export class ImagerefStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor(showOutputCommand: string) {
    this.item = vscode.window.createStatusBarItem('imageref.status', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'imageref';
    this.item.command = showOutputCommand;
  }

  update(status: StatusParams, trusted = true): void {
    const view = describe(status, trusted);
    if (!view) {
      this.item.hide();
      return;
    }
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: view.tooltip, role: 'status' };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

export interface StatusView {
  text: string;
  tooltip: string;
  warning: boolean;
}

/** Pure mapping from a status notification to what the item shows; undefined means hidden. */
export function describe(status: StatusParams, trusted = true): StatusView | undefined {
  const pending = Number.isFinite(status.pending) && status.pending > 0 ? Math.floor(status.pending) : 0;
  const detail = status.message ? `\n${status.message}` : '';
  switch (status.state) {
    case 'resolving':
      return {
        text: pending > 0 ? `$(sync~spin) imageref ${pending}` : '$(sync~spin) imageref',
        tooltip: `imageref: resolving ${pending || ''} image reference${pending === 1 ? '' : 's'}`.replace('  ', ' ') + detail,
        warning: false,
      };
    case 'unreachable':
      return { text: '$(warning) imageref: registry unreachable', tooltip: `imageref: a registry could not be reached${detail}`, warning: true };
    case 'rate-limited':
      return { text: '$(warning) imageref: rate limited', tooltip: `imageref: a registry is rate limiting requests${detail}`, warning: true };
    case 'offline':
      return trusted
        ? { text: '$(debug-disconnect) imageref: offline', tooltip: `imageref: registry checks are off (imageref.offline)${detail}`, warning: false }
        : {
            text: '$(debug-disconnect) imageref: offline',
            tooltip: `imageref: Restricted Mode — trust this workspace to check image references against registries${detail}`,
            warning: false,
          };
    case 'idle':
    default:
      return undefined;
  }
}

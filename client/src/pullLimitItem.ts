import * as vscode from 'vscode';
import type { PullLimitParams } from './protocol';

/** A status bar warning while a registry (Docker Hub) reports fewer than 10 % of its pull limit left. */
export class PullLimitItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('imageref.pullLimit', vscode.StatusBarAlignment.Left, 9);
  private readonly low = new Map<string, PullLimitParams>();

  constructor() {
    this.item.name = 'imageref pull limit';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  }

  update(params: PullLimitParams): void {
    if (params.low) this.low.set(params.registry, params);
    else this.low.delete(params.registry);
    const lowest = [...this.low.values()].sort((a, b) => a.remaining - b.remaining)[0];
    if (!lowest) {
      this.item.hide();
      return;
    }
    this.item.text = `$(warning) ${lowest.registry}: ${lowest.remaining}/${lowest.limit} pulls left`;
    this.item.tooltip = `imageref: ${[...this.low.values()].map((p) => p.message).join('\n')}`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

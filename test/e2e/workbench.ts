/**
 * Drives the VS Code workbench served by code-server with playwright-core and Debian's Chromium.
 * Every wait is on a selector or a state with a timeout; there are no fixed sleeps.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.IMAGEREF_E2E_CHROMIUM ?? '/usr/bin/chromium';

export interface WorkbenchOptions {
  url: string;
  workspace: string;
  artifacts: string;
  log: (line: string) => void;
}

export class Workbench {
  private shot = 0;

  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
    private readonly artifacts: string,
  ) {}

  static async open(options: WorkbenchOptions): Promise<Workbench> {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || /imageref/i.test(m.text())) options.log(`[browser ${m.type()}] ${m.text()}`);
    });
    mkdirSync(options.artifacts, { recursive: true });
    await page.goto(`${options.url}/?folder=${encodeURIComponent(options.workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    return new Workbench(browser, page, options.artifacts);
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  async screenshot(name: string): Promise<string> {
    const file = path.join(this.artifacts, `${String(++this.shot).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Opens a file by clicking its row in the explorer; waits until its editor shows text. */
  async openFile(name: string): Promise<void> {
    const row = this.page
      .locator('.explorer-folders-view .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escape(name)}$`) }) });
    await row.first().click({ timeout: 20_000 });
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 20_000 });
    await this.editor().locator('.view-lines .view-line').first().waitFor({ timeout: 20_000 });
  }

  /** The active text editor. */
  editor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  async waitForSquiggle(kind: 'error' | 'warning' | 'info' | 'any' = 'any', timeout = 60_000): Promise<void> {
    const selector =
      kind === 'any' ? '.squiggly-error, .squiggly-warning, .squiggly-info' : `.squiggly-${kind}`;
    await this.editor().locator(selector).first().waitFor({ state: 'attached', timeout });
  }

  /** The span of the active editor whose text is exactly `text` (a token of the grammar), by line content. */
  token(text: string, lineContains?: string): Locator {
    const lines = lineContains
      ? this.editor().locator('.view-line', { hasText: lineContains })
      : this.editor().locator('.view-line');
    return lines.locator('span > span', { hasText: new RegExp(`^${escape(text)}$`) }).first();
  }

  /** Hovers the mouse over a locator and returns the hover's text once `expect` matches it. */
  async hover(target: Locator, expect: RegExp, timeout = 30_000): Promise<string> {
    await this.page.mouse.move(0, 0);
    await target.hover();
    return this.hoverText(expect, timeout);
  }

  private async hoverText(expect: RegExp, timeout: number): Promise<string> {
    const content = this.page.locator('.monaco-hover-content', { hasText: expect }).first();
    await content.waitFor({ timeout });
    // the hover fades in: wait until it is opaque, so screenshots show it as the user sees it
    await this.page.waitForFunction(
      `Array.from(document.querySelectorAll('.monaco-hover')).some((e) => getComputedStyle(e).opacity === '1' && e.offsetParent !== null)`,
      undefined,
      { timeout: 5_000 },
    ).catch(() => undefined);
    return (await content.innerText()).trim();
  }

  /** Whether the element of the open hover with `text` lies inside the hover's visible area, without scrolling. */
  async visibleInHover(text: RegExp): Promise<boolean> {
    const hover = this.page.locator('.monaco-hover', { has: this.page.locator('.monaco-hover-content', { hasText: text }) }).last();
    const target = hover.locator('td, p, code', { hasText: text }).last();
    const [t, h] = [await target.boundingBox(), await hover.boundingBox()];
    return !!t && !!h && t.y >= h.y && t.y + t.height <= h.y + h.height;
  }

  /** Scrolls the open hover with the mouse wheel until the element with `text` is inside its visible area. */
  async scrollHoverTo(text: RegExp): Promise<void> {
    // several .monaco-hover elements exist (editor, status bar, …): take the one showing `text`
    const hover = this.page.locator('.monaco-hover', { has: this.page.locator('.monaco-hover-content', { hasText: text }) }).last();
    const target = hover.locator('td', { hasText: text }).last();
    const box = await hover.boundingBox();
    if (!box) return;
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 20; i++) {
      const t = await target.boundingBox();
      const h = await hover.boundingBox();
      if (!t || !h || (t.y >= h.y && t.y + t.height <= h.y + h.height)) return;
      await this.page.mouse.wheel(0, 120);
      // wait for the scroll to move the target before measuring again
      await this.page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    }
  }

  /** Moves the cursor with Ctrl+G (1-based line and column). */
  async goTo(line: number, column: number): Promise<void> {
    await this.editor().click({ position: { x: 200, y: 5 } });
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** Shows the hover at the cursor with the keyboard (Ctrl+K Ctrl+I) and returns its text once `expect` matches. */
  async hoverAtCursor(expect: RegExp, timeout = 30_000): Promise<string> {
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    return this.hoverText(expect, timeout);
  }

  /** Escape, and the mouse to an empty part of the editor, so no hover or widget stays open. */
  async dismiss(): Promise<void> {
    await this.page.keyboard.press('Escape');
    const box = await this.editor().boundingBox();
    if (box) await this.page.mouse.move(box.x + box.width / 2, box.y + box.height - 20);
    await this.page.locator('.monaco-hover-content').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  }

  /**
   * Ctrl+. at the cursor, then moves through the action list (it takes keys, not clicks) until the focused row
   * matches `title`, and applies it with Enter. Returns the labels that were offered.
   */
  async applyQuickFix(title: RegExp, timeout = 30_000): Promise<string[]> {
    // Syntactic squiggles come first and the registry's answer later: the light bulb on the cursor's line says
    // that the server has code actions there (Ctrl+. before that shows "No code actions available").
    await this.editor().locator('.lightBulbWidget').waitFor({ timeout });
    await this.page.keyboard.press('Control+.');
    const widget = this.page.locator('.action-widget');
    await widget.locator('.monaco-list-row').first().waitFor({ timeout });
    const rows = widget.locator('.monaco-list-row.action');
    const labels = (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''))).filter(Boolean);
    for (let i = 0; i <= labels.length; i++) {
      const focused = await widget.locator('.monaco-list-row.focused').getAttribute('aria-label').catch(() => null);
      if (focused && title.test(focused)) {
        await this.page.keyboard.press('Enter');
        await widget.waitFor({ state: 'hidden', timeout: 10_000 });
        return labels;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    await this.page.keyboard.press('Escape');
    throw new Error(`no quick fix matching ${title} among: ${labels.join(' | ')}`);
  }

  /** Runs a command from the command palette by its label. */
  async runCommand(label: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`>${label}`);
    await this.page
      .locator('.quick-input-widget .monaco-list-row', { hasText: label })
      .first()
      .waitFor({ timeout: 10_000 });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** Waits until the active editor has unsaved changes, saves with Ctrl+S, and waits until it is clean. */
  async save(timeout = 10_000): Promise<void> {
    const dirty = this.page.locator('.tabs-container .tab.active.dirty');
    await dirty.waitFor({ timeout });
    await this.page.keyboard.press('Control+S');
    await dirty.waitFor({ state: 'detached', timeout });
  }

  /** Waits until a line of the active editor matches. */
  async waitForLine(pattern: RegExp, timeout = 30_000): Promise<string> {
    const line = this.editor().locator('.view-line', { hasText: pattern }).first();
    await line.waitFor({ timeout });
    return (await line.innerText()).replace(/\u00a0/g, ' ');
  }

  /** Opens the Problems panel and returns the aria-labels of its rows once `expect` holds for them. */
  async problems(expect: (rows: string[]) => boolean, timeout = 30_000): Promise<string[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ timeout: 10_000 });
    const rows = panel.locator('.monaco-list-row');
    let last: string[];
    const deadline = Date.now() + timeout;
    for (;;) {
      last = await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('aria-label') ?? ''} ${e.textContent ?? ''}`.trim()));
      if (expect(last)) return last;
      if (Date.now() > deadline) throw new Error(`Problems panel never matched; rows: ${last.join(' || ')}`);
      // wait for the list to change rather than sleeping
      const before = JSON.stringify(last.join('\n'));
      await this.page
        .waitForFunction(
          `Array.from(document.querySelectorAll('.markers-panel .monaco-list-row')).map((e) => ((e.getAttribute('aria-label') ?? '') + ' ' + (e.textContent ?? '')).trim()).join('\\n') !== ${before}`,
          undefined,
          { timeout: Math.max(1, deadline - Date.now()) },
        )
        .catch(() => undefined);
    }
  }

  /** Hides the panel (Ctrl+J toggles it whatever has focus) and gives the focus back to the editor. */
  async closePanel(): Promise<void> {
    const panel = this.page.locator('.markers-panel');
    if (await panel.isVisible()) {
      await this.page.keyboard.press('Control+J');
      await panel.waitFor({ state: 'hidden', timeout: 10_000 });
    }
  }

  /** The imageref status bar item, if shown. */
  statusItem(): Locator {
    return this.page.locator('.statusbar-item', { hasText: /imageref/ });
  }
}

export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

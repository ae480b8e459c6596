// package.json menus: commands that need a workspace folder are not offered in the command
// palette without one (they would only say "open a folder first").
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface MenuItem {
  command: string;
  when?: string;
}

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string; title: string; category?: string }[]; menus?: { commandPalette?: MenuItem[] } };
};

const NEEDS_FOLDER = ['infraGuide.checkWorkspace', 'infraGuide.createScratchpad', 'infraGuide.insertCommitMessage', 'infraGuide.beforeCompleting', 'infraGuide.validateInfrastructure'];

describe('command palette', () => {
  it('commands that need a workspace folder are hidden without one', () => {
    const palette = pkg.contributes.menus?.commandPalette ?? [];
    for (const id of NEEDS_FOLDER) {
      assert.ok(pkg.contributes.commands.some((c) => c.command === id), `${id} is contributed`);
      const entry = palette.find((m) => m.command === id);
      assert.match(entry?.when ?? '', /\bworkspaceFolderCount\s*>\s*0\b/, `${id}: commandPalette "when" must require a workspace folder`);
    }
  });
  it('every command is in category "Infra Guide" with a sentence-case title', () => {
    for (const c of pkg.contributes.commands) {
      assert.equal(c.category, 'Infra Guide', c.command);
      assert.match(c.title, /^[A-Z][^A-Z]/, `${c.command}: "${c.title}"`);
    }
  });
});

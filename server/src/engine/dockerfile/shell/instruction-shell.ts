// The shell Docker wraps a shell-form RUN, CMD or ENTRYPOINT in: the last `SHELL` of the stage
// (or of the stage it is built FROM), else the platform default — `/bin/sh -c`, or `cmd /S /C`
// on a Windows base image.
import type { Instruction } from 'dockerfile-ast';
import { DocumentMemo, type DockerfileDoc, type ResolvedImage, type Stage } from '../model';
import { baseName } from './commands';

export interface InstructionShell {
  argv: readonly string[];
  /** Set by a SHELL instruction (here or in a parent stage) or a Windows default, not `/bin/sh -c`. */
  custom: boolean;
  /**
   * The shell reads POSIX shell syntax. `cmd` and PowerShell do not, so their scripts are not
   * parsed as shell (as hadolint skips its shell checks after such a SHELL).
   */
  posix: boolean;
  /** The stage's base is a Windows image (where Docker ignores a heredoc's `#!` line). */
  windows: boolean;
}

const DEFAULT_SHELL: InstructionShell = { argv: ['/bin/sh', '-c'], custom: false, posix: true, windows: false };
const WINDOWS_SHELL: InstructionShell = { argv: ['cmd', '/S', '/C'], custom: true, posix: false, windows: true };
const NON_POSIX = new Set(['cmd', 'powershell', 'pwsh']);

const WINDOWS_IMAGE =
  /(^|\/)(windows|windowsservercore|nanoserver|servercore)([/:-]|$)|[:-](windowsservercore|nanoserver|ltsc\d{4})|(^|\/)(dotnet\/framework\/|microsoft\/(dotnet-framework|aspnet|iis)([/:@]|$))/i;

/**
 * A Windows base image (`mcr.microsoft.com/windows/servercore:ltsc2022`, `…:nanoserver-1809` …),
 * including the Windows-only .NET Framework ones, whose plain tags (`dotnet/framework/aspnet:4.8`)
 * name no Windows version.
 */
export function isWindowsImage(image: ResolvedImage): boolean {
  return WINDOWS_IMAGE.test(image.resolved ?? image.raw);
}

/** The argv of a SHELL instruction; undefined when it is not a JSON array of strings (Docker rejects it). */
function shellArgv(ins: Instruction): string[] | undefined {
  try {
    const v: unknown = JSON.parse(ins.getArgumentsContent() ?? '');
    if (Array.isArray(v) && v.length > 0 && v.every((y) => typeof y === 'string')) return v as string[];
  } catch {
    /* invalid SHELL: Docker rejects the file */
  }
  return undefined;
}

function shellOfArgv(argv: string[], windows: boolean): InstructionShell {
  const name = baseName(argv[0]!.replace(/\\/g, '/')).toLowerCase().replace(/\.exe$/, '');
  return { argv, custom: true, posix: !NON_POSIX.has(name), windows };
}

const KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'ONBUILD']);

/**
 * RUN/CMD/ENTRYPOINT/ONBUILD instruction → its shell, for the ones not run by `/bin/sh -c`
 * (an `ONBUILD` trigger runs in the image the stage produces: the shell at the end of the stage).
 */
const shells = new DocumentMemo((doc: DockerfileDoc) => {
  const map = new Map<Instruction, InstructionShell>();
  const atEnd = new Map<Stage, InstructionShell>();
  for (const stage of doc.stages) {
    const parent = stage.image.stageRef;
    let shell = parent ? atEnd.get(parent)! : isWindowsImage(stage.rootImage) ? WINDOWS_SHELL : DEFAULT_SHELL;
    // Most stages run `/bin/sh -c` throughout (no SHELL): nothing to record. A native `indexOf`
    // tells it rather than the JS loop over every keyword below (which runs cold).
    if (shell === DEFAULT_SHELL && stage.keywords.indexOf('SHELL') < 0) {
      atEnd.set(stage, shell);
      continue;
    }
    let onbuild = false;
    const list = stage.instructions;
    const keywords = stage.keywords;
    for (let i = 0; i < list.length; i++) {
      const ins = list[i]!;
      const kw = keywords[i]!;
      if (kw === 'SHELL') {
        const argv = shellArgv(ins);
        if (argv) shell = shellOfArgv(argv, isWindowsImage(stage.rootImage));
      } else if (shell !== DEFAULT_SHELL && KEYWORDS.has(kw)) {
        map.set(ins, shell);
      }
      if (kw === 'ONBUILD') onbuild = true;
    }
    atEnd.set(stage, shell);
    if (onbuild) {
      for (let i = 0; i < list.length; i++) {
        if (keywords[i] !== 'ONBUILD') continue;
        const ins = list[i]!;
        if (shell === DEFAULT_SHELL) map.delete(ins);
        else map.set(ins, shell);
      }
    }
  }
  return map;
});

/** The shell a shell-form RUN, CMD, ENTRYPOINT or `ONBUILD` trigger of the document runs in. */
export function instructionShell(doc: DockerfileDoc, ins: Instruction): InstructionShell {
  return shells.of(doc).get(ins) ?? DEFAULT_SHELL;
}

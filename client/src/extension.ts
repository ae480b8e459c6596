// VS Code client entry (placeholder until the client lands).
export function activate(): void {}
export function deactivate(): void {}

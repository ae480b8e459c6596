// CLI entry (placeholder until the CLI lands).
export {};

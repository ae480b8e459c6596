// Language server entry (placeholder until the LSP adapter lands).
export {};

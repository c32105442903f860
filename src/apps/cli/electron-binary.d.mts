/** The Electron runtime binary, or null when it is not installed. */
export function electronBinary(): string | null;

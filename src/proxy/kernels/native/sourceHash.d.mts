/** Declarations of sourceHash.mjs (plain JavaScript: binding.gyp runs it with node alone). */
export declare const KERNEL_SOURCES: string[];
export declare function kernelSourceHash(dir: URL): string;

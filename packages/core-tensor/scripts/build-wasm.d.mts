/** Types of scripts/build-wasm.mjs, for the test that checks the committed modules against the .wat sources. */
export declare const wasmDir: string;
export declare function watFiles(): string[];
export declare function generatedPath(watPath: string): string;
export declare function assemble(name: string, source: string): Promise<Uint8Array>;
export declare function render(watName: string, bytes: Uint8Array): string;
export declare function build(watPath: string): Promise<string>;

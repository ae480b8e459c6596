// Bundled by bench/run.mjs with esbuild (same bundling as dist/cli.js) so the in-process
// measurements use exactly the engine, `yaml` and `dockerfile-ast` code the CLI ships.
export { Linter, BATCH_LINTER_OPTIONS } from '../../server/src/engine/lint';
export { classify } from '../../server/src/engine/classify';
export { TextIndex } from '../../server/src/engine/text';
export { splitYamlDocuments, parseYamlSegment } from '../../server/src/engine/yaml/model';
export { parseDockerfile } from '../../server/src/engine/dockerfile/model';
export { parseDocument, parseAllDocuments } from 'yaml';
export { DockerfileParser } from 'dockerfile-ast';

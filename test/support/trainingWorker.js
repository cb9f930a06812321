/**
 * The training worker for the tests, which run the TypeScript sources: worker threads are plain
 * Node, outside Jest's transform, so this compiles the .ts modules with SWC as they are required.
 */
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const options = { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };
  module._compile(transformSync(fs.readFileSync(filename, 'utf8'), options).code, filename);
};

module.exports = require(path.join(__dirname, '../../src/nlu/trainingWorker.ts')).default;
